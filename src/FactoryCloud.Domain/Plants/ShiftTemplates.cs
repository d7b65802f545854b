namespace FactoryCloud.Domain.Plants;

/// <summary>Common weekly shift patterns, and copying one day's windows to other days, so a week is quick to enter.</summary>
public static class ShiftTemplates
{
    public static readonly IReadOnlyList<DayOfWeek> Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Two 8-hour shifts on weekdays: 06:00–14:00 and 14:00–22:00.</summary>
    public static IReadOnlyList<ShiftPattern> TwoShifts() => OnWeekdays((6, 14, "Early"), (14, 22, "Late"));

    /// <summary>Three 8-hour shifts on weekdays: 06:00–14:00, 14:00–22:00 and 22:00–06:00 (into the next morning).</summary>
    public static IReadOnlyList<ShiftPattern> ThreeShifts() => OnWeekdays((6, 14, "Early"), (14, 22, "Late"), (22, 6, "Night"));

    /// <summary>Around the clock: a site with no windows plans every hour of the week.</summary>
    public static IReadOnlyList<ShiftPattern> AroundTheClock() => [];

    /// <summary>
    /// Replaces the windows of <paramref name="targets"/> with copies of <paramref name="source"/>'s windows; the other
    /// days and the source day are kept as they are.
    /// </summary>
    public static IReadOnlyList<ShiftPattern> CopyDay(IEnumerable<ShiftPattern> patterns, DayOfWeek source, IEnumerable<DayOfWeek> targets)
    {
        var all = patterns.ToList();
        var to = targets.Where(d => d != source).ToHashSet();
        var copies = all.Where(p => p.Day == source).SelectMany(p => to.Select(day => p with { Day = day }));
        return all.Where(p => !to.Contains(p.Day)).Concat(copies).OrderBy(p => ((int)p.Day + 6) % 7).ThenBy(p => p.Start).ToList();
    }

    private static List<ShiftPattern> OnWeekdays(params (int Start, int End, string Name)[] shifts) =>
        Weekdays.SelectMany(day => shifts.Select(s => new ShiftPattern(day, new TimeOnly(s.Start, 0), new TimeOnly(s.End, 0), ShiftWindowKind.Production, s.Name))).ToList();
}
