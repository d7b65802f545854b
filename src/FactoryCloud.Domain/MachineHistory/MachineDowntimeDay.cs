using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.MachineHistory;

/// <summary>
/// One machine's closed breakdown time and episodes of one reason in the planned part of one whole UTC day: the
/// downtime Pareto's share of a <see cref="MachinePlannedDay"/>, written and deleted with it (same transaction, same
/// <see cref="Key"/>), so a day whose planned-time roll-up exists has these rows too. Only reasons with breakdown time
/// or episodes have a row. Like <see cref="MachinePlannedDay.BreakdownEpisodes"/>, the episodes include the breakdowns
/// carried into a planned start in the day from the unplanned time since the previous planned window's end (a window
/// whose first planned start lies in the day corrects that one, see <see cref="MachinePlannedDay.FirstCarriedStartTicks"/>).
/// </summary>
public sealed class MachineDowntimeDay : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid MachineId { get; set; }

    /// <summary>UTC midnight.</summary>
    public DateTimeOffset Day { get; set; }

    /// <summary>The reason code, or <see cref="MachineDowntimeBucket.NoReason"/>.</summary>
    public required string Reason { get; set; }

    /// <summary>The key of the <see cref="MachinePlannedDay"/> written with it.</summary>
    public required string Key { get; set; }

    public long BreakdownTicks { get; set; }

    /// <summary>Closed episodes starting in the day's planned part, plus the carried ones (see the class).</summary>
    public long BreakdownEpisodes { get; set; }
}
