namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// Planned time before a machine first sent data is not a loss of the machine: nobody could have known its state.
/// By default (<c>KpiSettings.IncludeTimeBeforeFirstData</c> off) that time leaves planned time and the "No data" loss
/// and is reported on its own (<see cref="KpiTotals.BeforeFirstDataSeconds"/>), so a plant onboarded at 10:00 does not
/// show "Today" with ten hours of no-data loss. Only no-data time moves: if states were reported for instants before
/// the first message arrived (a device's clock, a backfill), that covered time stays where the states put it.
/// </summary>
public static class TimeBeforeFirstData
{
    /// <summary>
    /// Moves the no-data time inside <paramref name="planned"/> before <paramref name="firstDataAt"/> (all of it when
    /// the machine never sent anything) out of planned time.
    /// </summary>
    public static KpiTotals Exclude(KpiTotals totals, IReadOnlyList<TimeWindow> planned, DateTimeOffset? firstDataAt)
    {
        var beforeSeconds = firstDataAt is { } first
            ? planned.Sum(p => p.Start >= first ? 0 : (Min(p.End, first) - p.Start).TotalSeconds)
            : planned.Sum(p => p.Duration.TotalSeconds);
        var excluded = Math.Min(beforeSeconds, totals.NoDataSeconds);
        if (excluded <= 0) return totals;
        return totals with
        {
            PlannedSeconds = totals.PlannedSeconds - excluded,
            NoDataSeconds = totals.NoDataSeconds - excluded,
            BeforeFirstDataSeconds = totals.BeforeFirstDataSeconds + excluded,
        };
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
