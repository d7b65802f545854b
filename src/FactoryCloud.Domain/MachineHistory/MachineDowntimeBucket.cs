using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.MachineHistory;

/// <summary>
/// Down-state seconds of one machine per reason and bucket, for the downtime Pareto; like
/// <see cref="MachineBucket"/> it holds closed intervals only and is maintained incrementally.
/// </summary>
public sealed class MachineDowntimeBucket : ITenantOwned, IMachineBucket
{
    /// <summary>The <see cref="Reason"/> of a down state that had none (the contract treats an empty reason as none).</summary>
    public const string NoReason = "";

    public Guid TenantId { get; set; }
    public Guid MachineId { get; set; }
    public BucketSize Size { get; set; }

    /// <summary>UTC, on a whole minute or hour.</summary>
    public DateTimeOffset Start { get; set; }

    /// <summary>The down state's reason code, or <see cref="NoReason"/>.</summary>
    public required string Reason { get; set; }

    public double DownSeconds { get; set; }

    /// <summary>Closed breakdown episodes of this reason (any state the loss rules map to a breakdown), as in <see cref="MachineBucket"/>.</summary>
    public long BreakdownTicks { get; set; }

    /// <summary>Closed breakdown episodes of this reason starting in this bucket.</summary>
    public long BreakdownEpisodes { get; set; }

    /// <summary>
    /// Minute buckets only: 1 when a closed breakdown episode of this reason started before this minute and is still
    /// going at its start, with <see cref="CarriedBreakdownStartTicks"/> its start. A breakdown that starts outside the
    /// shift calendar counts where planned time begins, which the query finds here.
    /// </summary>
    public long CarriedBreakdowns { get; set; }

    public long CarriedBreakdownStartTicks { get; set; }
}
