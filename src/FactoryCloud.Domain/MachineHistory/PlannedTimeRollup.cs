using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.MachineHistory;

/// <summary>
/// The sums of a planned-time roll-up (<see cref="MachinePlannedDay"/>, <see cref="MachinePlannedWeek"/>): one machine's
/// counts and time in the planned part of a whole period under its site's shift calendar, valid while <see cref="Key"/>
/// is current.
/// </summary>
public abstract class PlannedTimeRollup : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid MachineId { get; set; }

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
    /// Closed breakdown episodes starting in the period's planned part, plus the breakdowns carried into a planned window
    /// starting in the period from the unplanned time right before it (the gap since the previous planned window's end).
    /// </summary>
    public long BreakdownEpisodes { get; set; }

    /// <summary>
    /// The start (UTC ticks) of the breakdown carried into the period's first planned start (0: none; -1: more than one,
    /// then the period is not read as a window's first planned day), and 1 when <see cref="BreakdownEpisodes"/> counts it
    /// (it began after the previous planned window's end). A window whose first planned start lies in this period counts it
    /// only when it began inside the window.
    /// </summary>
    public long FirstCarriedStartTicks { get; set; }

    public long FirstCarriedCounted { get; set; }

    /// <summary>Good and scrap counted in the period outside planned time.</summary>
    public long UnplannedGoodCount { get; set; }
    public long UnplannedScrapCount { get; set; }

    /// <summary>Adds <paramref name="other"/>'s sums (not its first carried breakdown, which belongs to one period).</summary>
    public void Add(PlannedTimeRollup other)
    {
        GoodCount += other.GoodCount;
        ScrapCount += other.ScrapCount;
        IdealSecondsTotal += other.IdealSecondsTotal;
        IdealSecondsGood += other.IdealSecondsGood;
        EnergyKwh += other.EnergyKwh;
        RunTicks += other.RunTicks;
        PlannedStopTicks += other.PlannedStopTicks;
        BreakdownTicks += other.BreakdownTicks;
        SmallStopTicks += other.SmallStopTicks;
        SetupTicks += other.SetupTicks;
        IdleLossTicks += other.IdleLossTicks;
        OfflineLossTicks += other.OfflineLossTicks;
        NoDataLossTicks += other.NoDataLossTicks;
        BreakdownEpisodes += other.BreakdownEpisodes;
        UnplannedGoodCount += other.UnplannedGoodCount;
        UnplannedScrapCount += other.UnplannedScrapCount;
    }
}
