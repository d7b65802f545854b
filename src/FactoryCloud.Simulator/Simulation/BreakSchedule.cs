namespace FactoryCloud.Simulator.Simulation;

/// <summary>A daily break at a local time of day (in the plant's UTC offset); machines report it as <c>planned_stop</c>.</summary>
public sealed record PlannedBreak(TimeOnly Start, TimeSpan Duration, string Reason);

/// <summary>
/// The breaks of every day, in the plant's local time. Breaks must not overlap and must be at least 5 minutes apart
/// (each machine stops up to 90 s late and restarts up to 60 s late, like operators do).
/// </summary>
public sealed class BreakSchedule
{
    private static readonly TimeSpan MinimumGap = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Three 8-hour shifts (06–14, 14–22, 22–06), each with a 15-minute break, a 30-minute meal break and another
    /// 15-minute break: 1 hour of planned stop per shift.
    /// </summary>
    public static BreakSchedule ThreeShifts { get; } = new(
    [
        new(new TimeOnly(8, 30), TimeSpan.FromMinutes(15), "break"),
        new(new TimeOnly(10, 30), TimeSpan.FromMinutes(30), "meal_break"),
        new(new TimeOnly(12, 30), TimeSpan.FromMinutes(15), "break"),
        new(new TimeOnly(16, 30), TimeSpan.FromMinutes(15), "break"),
        new(new TimeOnly(18, 30), TimeSpan.FromMinutes(30), "meal_break"),
        new(new TimeOnly(20, 30), TimeSpan.FromMinutes(15), "break"),
        new(new TimeOnly(0, 30), TimeSpan.FromMinutes(15), "break"),
        new(new TimeOnly(2, 30), TimeSpan.FromMinutes(30), "meal_break"),
        new(new TimeOnly(4, 30), TimeSpan.FromMinutes(15), "break"),
    ]);

    /// <summary>No breaks: machines produce around the clock.</summary>
    public static BreakSchedule None { get; } = new([]);

    /// <exception cref="ArgumentException">A break is empty, longer than 12 h, has no reason, or breaks overlap or lie closer than 5 minutes.</exception>
    public BreakSchedule(IEnumerable<PlannedBreak> breaks)
    {
        ArgumentNullException.ThrowIfNull(breaks);
        var sorted = breaks.OrderBy(b => b.Start).ToList();
        foreach (var plannedBreak in sorted)
        {
            if (plannedBreak.Duration <= TimeSpan.Zero || plannedBreak.Duration > TimeSpan.FromHours(12))
                throw new ArgumentException($"The break at {plannedBreak.Start} must last more than 0 and at most 12 hours.", nameof(breaks));
            if (string.IsNullOrEmpty(plannedBreak.Reason) || plannedBreak.Reason.Length > 64)
                throw new ArgumentException($"The break at {plannedBreak.Start} needs a reason of 1 to 64 characters.", nameof(breaks));
        }
        for (var i = 0; i < sorted.Count; i++)
        {
            var current = sorted[i];
            var next = sorted[(i + 1) % sorted.Count];
            // From this break's start to the next one's, wrapping over midnight; a single break follows itself a day later.
            var startToStart = sorted.Count == 1
                ? TimeSpan.FromDays(1)
                : TimeSpan.FromTicks(((next.Start - current.Start).Ticks + TimeSpan.TicksPerDay) % TimeSpan.TicksPerDay);
            if (startToStart - current.Duration < MinimumGap)
                throw new ArgumentException($"The breaks at {current.Start} and {next.Start} overlap or are less than 5 minutes apart.", nameof(breaks));
        }
        Breaks = sorted;
    }

    /// <summary>Sorted by local start time.</summary>
    public IReadOnlyList<PlannedBreak> Breaks { get; }

    /// <summary>The break under way at <paramref name="instant"/> (start ≤ instant &lt; end), if any.</summary>
    public BreakOccurrence? At(DateTimeOffset instant, TimeSpan utcOffset) =>
        Occurrences(instant, utcOffset).Where(o => o.Start <= instant && instant < o.End).Cast<BreakOccurrence?>().FirstOrDefault();

    /// <summary>The first break starting strictly after <paramref name="instant"/>, or null when there are no breaks.</summary>
    public BreakOccurrence? After(DateTimeOffset instant, TimeSpan utcOffset) =>
        Occurrences(instant, utcOffset).Where(o => o.Start > instant).Cast<BreakOccurrence?>().FirstOrDefault();

    private IEnumerable<BreakOccurrence> Occurrences(DateTimeOffset instant, TimeSpan utcOffset)
    {
        var localDay = DateOnly.FromDateTime(instant.ToOffset(utcOffset).DateTime);
        return Enumerable.Range(-1, 3)
            .SelectMany(day => Breaks.Select(b =>
            {
                var start = new DateTimeOffset(localDay.AddDays(day).ToDateTime(b.Start), utcOffset).ToUniversalTime();
                return new BreakOccurrence(start, start + b.Duration, b.Reason);
            }))
            .OrderBy(o => o.Start);
    }
}

/// <summary>One break on one day, in UTC.</summary>
public readonly record struct BreakOccurrence(DateTimeOffset Start, DateTimeOffset End, string Reason);
