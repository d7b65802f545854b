namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// Resolves a dashboard time range to a UTC window in the site's time zone. Days run from local midnight to the
/// next local midnight, so a DST day is 23 or 25 hours long. "Last 7 days" is today and the 6 days before it
/// (whole local days; KPI queries stop at now). "Current shift" is the shift running now, else the last one that
/// ended within a week, else today (a site without a calendar has no shifts). Custom takes local dates, both
/// inclusive.
/// </summary>
public static class TimeRanges
{
    public static TimeWindow Resolve(
        TimeRangeKind kind, DateTimeOffset now, WeeklyShiftCalendar calendar, DateOnly? customFrom = null, DateOnly? customTo = null)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, calendar.Zone).DateTime);
        return kind switch
        {
            TimeRangeKind.CurrentShift => CurrentShift(now, calendar) ?? Days(calendar, today, today),
            TimeRangeKind.Today => Days(calendar, today, today),
            TimeRangeKind.Yesterday => Days(calendar, today.AddDays(-1), today.AddDays(-1)),
            TimeRangeKind.Last7Days => Days(calendar, today.AddDays(-6), today),
            TimeRangeKind.Last30Days => Days(calendar, today.AddDays(-29), today),
            TimeRangeKind.Custom when customFrom is { } from && customTo is { } to && from <= to => Days(calendar, from, to),
            TimeRangeKind.Custom => throw new ArgumentException("A custom range needs a from date on or before its to date."),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>[local midnight of <paramref name="first"/>, local midnight after <paramref name="last"/>).</summary>
    public static TimeWindow Days(WeeklyShiftCalendar calendar, DateOnly first, DateOnly last) =>
        new(calendar.ToUtc(first.ToDateTime(TimeOnly.MinValue)), calendar.ToUtc(last.AddDays(1).ToDateTime(TimeOnly.MinValue)));

    private static TimeWindow? CurrentShift(DateTimeOffset now, WeeklyShiftCalendar calendar)
    {
        if (calendar.ShiftAt(now) is { } running) return running.Window;
        return calendar.ShiftsOverlapping(new TimeWindow(now.AddDays(-7), now))
            .LastOrDefault(s => s.Window.End <= now)?.Window;
    }
}
