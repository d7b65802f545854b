using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.MachineHistory;

/// <summary>
/// One machine's additive sums for one minute or hour, maintained incrementally by the telemetry processor; they add
/// up like <c>KpiTotals</c>. State seconds hold only closed intervals (from a state change to the machine's next
/// one): the open tail after the latest change is added at query time. Counts, energy and messages go into the
/// bucket containing their <c>ts</c>.
/// </summary>
public sealed class MachineBucket : ITenantOwned, IMachineBucket
{
    public Guid TenantId { get; set; }
    public Guid MachineId { get; set; }
    public BucketSize Size { get; set; }

    /// <summary>UTC, on a whole minute or hour.</summary>
    public DateTimeOffset Start { get; set; }

    public double RunSeconds { get; set; }
    public double IdleSeconds { get; set; }
    public double DownSeconds { get; set; }
    public double ChangeoverSeconds { get; set; }
    public double PlannedStopSeconds { get; set; }
    public double OfflineSeconds { get; set; }

    public long GoodCount { get; set; }
    public long ScrapCount { get; set; }

    /// <summary>Σ ideal cycle time of the product × (good + scrap), with the machine's cycle times when stored.</summary>
    public double IdealSecondsTotal { get; set; }

    /// <summary>Σ ideal cycle time of the product × good.</summary>
    public double IdealSecondsGood { get; set; }

    /// <summary>Σ of the <c>energy_kwh</c> increments.</summary>
    public double EnergyKwh { get; set; }

    /// <summary>Messages of any channel whose <c>ts</c> lies in the bucket.</summary>
    public long MessageCount { get; set; }

    // Exact sums for the KPI engine, in ticks (100 ns) so that adding and taking back cancel exactly. Running and
    // PlannedStop hold closed intervals like the seconds above. The loss sums hold closed *episodes* (a state and
    // reason until the next different one) of the other states, classified by the episode's full length with the
    // tenant's loss settings identified by Machine.LossSumsKey: the open episode is added at query time.

    public long RunTicks { get; set; }
    public long PlannedStopTicks { get; set; }
    public long BreakdownTicks { get; set; }
    public long SmallStopTicks { get; set; }
    public long SetupTicks { get; set; }
    public long IdleLossTicks { get; set; }
    public long OfflineLossTicks { get; set; }
    public long NoDataLossTicks { get; set; }

    /// <summary>Closed breakdown episodes starting in this bucket.</summary>
    public long BreakdownEpisodes { get; set; }
}
