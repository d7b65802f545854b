using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.MachineHistory;

/// <summary>
/// The sum of one machine's <see cref="MachineDowntimeDay"/> rows of one reason over a UTC week: the downtime Pareto's
/// share of a <see cref="MachinePlannedWeek"/>, written and deleted with it (same transaction, same <see cref="Key"/>).
/// </summary>
public sealed class MachineDowntimeWeek : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid MachineId { get; set; }

    /// <summary>Monday 00:00 UTC.</summary>
    public DateTimeOffset Week { get; set; }

    /// <summary>The reason code, or <see cref="MachineDowntimeBucket.NoReason"/>.</summary>
    public required string Reason { get; set; }

    /// <summary>The key of the <see cref="MachinePlannedWeek"/> written with it.</summary>
    public required string Key { get; set; }

    public long BreakdownTicks { get; set; }

    public long BreakdownEpisodes { get; set; }
}
