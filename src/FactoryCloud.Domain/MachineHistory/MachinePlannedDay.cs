using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.MachineHistory;

/// <summary>
/// One machine's planned-time roll-up for one whole UTC day: the sums of the buckets that cover the day's planned part
/// under its site's shift calendar, exactly what composing the day's planned windows from hour and minute buckets gives
/// (see <c>BucketPlan</c>), so a long window reads one row per machine and day instead of every planned hour and every
/// minute of the breaks. Valid only while <see cref="Key"/> equals <see cref="PlannedDayKey.Of"/> for the site's current
/// calendar and the tenant's current loss settings; written by the query side the first time a complete past day is read
/// (or by retention before it deletes the day's minute buckets), deleted by the processor when it writes into the day.
/// </summary>
public sealed class MachinePlannedDay : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid MachineId { get; set; }

    /// <summary>UTC midnight.</summary>
    public DateTimeOffset Day { get; set; }

    /// <summary>The calendar and loss settings the sums follow (<see cref="PlannedDayKey.Of"/>).</summary>
    public required string Key { get; set; }

    public long GoodCount { get; set; }
    public long ScrapCount { get; set; }
    public double IdealSecondsTotal { get; set; }
    public double IdealSecondsGood { get; set; }
    public double EnergyKwh { get; set; }

    public long RunTicks { get; set; }
    public long PlannedStopTicks { get; set; }
    public long BreakdownTicks { get; set; }
    public long SmallStopTicks { get; set; }
    public long SetupTicks { get; set; }
    public long IdleLossTicks { get; set; }
    public long OfflineLossTicks { get; set; }
    public long NoDataLossTicks { get; set; }

    /// <summary>
    /// Closed breakdown episodes starting in the day's planned part, plus the breakdowns carried into a planned window
    /// starting in the day from the unplanned time right before it (the gap since the previous planned window's end).
    /// </summary>
    public long BreakdownEpisodes { get; set; }

    /// <summary>
    /// The start (UTC ticks) of the breakdown carried into the day's first planned start (0: none; -1: more than one,
    /// then the day is not read as a window's first planned day), and 1 when <see cref="BreakdownEpisodes"/> counts it
    /// (it began after the previous planned window's end). A window whose first planned start lies in this day counts it
    /// only when it began inside the window.
    /// </summary>
    public long FirstCarriedStartTicks { get; set; }

    public long FirstCarriedCounted { get; set; }

    /// <summary>Good and scrap counted in the day outside planned time.</summary>
    public long UnplannedGoodCount { get; set; }
    public long UnplannedScrapCount { get; set; }
}
