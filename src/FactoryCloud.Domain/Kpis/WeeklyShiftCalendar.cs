using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// A site's weekly shift patterns in its time zone, expanded into UTC windows for any period. Rules:
/// <list type="bullet">
/// <item>A pattern runs on its day from Start to End in local time; End ≤ Start means it ends the next day
/// (End = Start is a full 24 h). Times are truncated to whole minutes (the bucket granularity).</item>
/// <item>A local time skipped by a DST change moves to the first instant after the gap; a local time that occurs
/// twice takes its first occurrence. So a night shift over the spring change is an hour shorter, over the
/// autumn change an hour longer, as the people on it experience.</item>
/// <item>Planned production time = production windows minus planned breaks. No production pattern at all means the
/// site has no calendar: the whole window is planned (<see cref="For"/> returns null).</item>
/// </list>
/// </summary>
public sealed class WeeklyShiftCalendar(IEnumerable<ShiftPattern> patterns, TimeZoneInfo zone)
{
    private readonly IReadOnlyList<ShiftPattern> _patterns = patterns.ToList();

    public TimeZoneInfo Zone { get; } = zone;

    public bool HasProductionShifts => _patterns.Any(p => p.Kind == ShiftWindowKind.Production);

    /// <summary>Finds the zone by IANA id, falling back to UTC for an unknown id (sites are validated on save).</summary>
    public static TimeZoneInfo ZoneOf(string timeZoneId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The production shifts overlapping <paramref name="window"/>, unclipped, in time order.</summary>
    public IReadOnlyList<ShiftInstance> ShiftsOverlapping(TimeWindow window) =>
        Occurrences(window, ShiftWindowKind.Production)
            .Where(s => s.Window.Intersect(window) is not null)
            .OrderBy(s => s.Window.Start)
            .ToList();

    /// <summary>The shift running at <paramref name="instant"/>, or null between shifts.</summary>
    public ShiftInstance? ShiftAt(DateTimeOffset instant) =>
        ShiftsOverlapping(new TimeWindow(instant, instant.AddTicks(1))) is [.., var last] ? last : null;

    /// <summary>The planned production windows inside <paramref name="window"/>, or null when the site has no calendar.</summary>
    public ShiftCalendar? For(TimeWindow window)
    {
        if (!HasProductionShifts) return null;
        var production = new ShiftCalendar(ShiftsOverlapping(window).Select(s => s.Window)).PlannedWithin(window);
        var breaks = new ShiftCalendar(Occurrences(window, ShiftWindowKind.PlannedBreak).Select(s => s.Window)).PlannedWindows;
        return new ShiftCalendar(production.SelectMany(p => Subtract(p, breaks)));
    }

    private IEnumerable<ShiftInstance> Occurrences(TimeWindow window, ShiftWindowKind kind)
    {
        // A day before and after: shifts crossing midnight, and any UTC offset.
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(window.Start, Zone).DateTime).AddDays(-1);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(window.End, Zone).DateTime).AddDays(1);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            foreach (var pattern in _patterns.Where(p => p.Kind == kind && p.Day == day.DayOfWeek))
            {
                var start = Minute(pattern.Start);
                var end = Minute(pattern.End);
                var startUtc = ToUtc(day.ToDateTime(start));
                var endUtc = ToUtc(day.AddDays(end <= start ? 1 : 0).ToDateTime(end));
                if (endUtc > startUtc) yield return new ShiftInstance(pattern.Name, new TimeWindow(startUtc, endUtc));
            }
        }
    }

    /// <summary>Local wall-clock time to UTC with the DST rules above.</summary>
    public DateTimeOffset ToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            // Inside a spring-forward gap: the first valid minute after it.
            var after = local;
            do after = after.AddMinutes(1); while (Zone.IsInvalidTime(after));
            return new DateTimeOffset(after, Zone.GetUtcOffset(after)).ToUniversalTime();
        }
        if (Zone.IsAmbiguousTime(local))
        {
            var offset = Zone.GetAmbiguousTimeOffsets(local).Max(); // the larger offset is the earlier instant
            return new DateTimeOffset(local, offset).ToUniversalTime();
        }
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static TimeOnly Minute(TimeOnly time) => new(time.Hour, time.Minute);

    private static IEnumerable<TimeWindow> Subtract(TimeWindow window, IReadOnlyList<TimeWindow> holes)
    {
        var start = window.Start;
        foreach (var hole in holes.Where(h => h.Intersect(window) is not null))
        {
            if (hole.Start > start) yield return new TimeWindow(start, hole.Start);
            if (hole.End > start) start = hole.End;
        }
        if (start < window.End) yield return new TimeWindow(start, window.End);
    }
}
