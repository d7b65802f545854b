namespace FactoryCloud.Domain.Programs;

/// <summary>What happened (or is due) on a site's way through the program.</summary>
public enum TimelineKind
{
    Assessment,
    EpicStarted,
    EpicDone,
    Sprint,
    KpiChange,
    Reassessment,
}

/// <summary>One event of a site's timeline; <see cref="Planned"/> marks what lies ahead (a due re-assessment, a sprint not closed).</summary>
public sealed record TimelineEvent(DateOnly Date, TimelineKind Kind, string Title, string Detail, bool Planned);

/// <summary>
/// A site's timeline: assessments, epics started and done, sprints of the products working on its gaps, measured KPI
/// changes and the next re-assessment, oldest first; on the same day in the order of <see cref="TimelineKind"/>.
/// </summary>
public static class ProgramTimeline
{
    public static IReadOnlyList<TimelineEvent> Build(IEnumerable<TimelineEvent> events) =>
        events.OrderBy(e => e.Date).ThenBy(e => e.Kind).ThenBy(e => e.Title, StringComparer.Ordinal).ToList();

    /// <summary>"2027 Q1", to group a printed timeline by quarter.</summary>
    public static string Quarter(DateOnly date) => $"{date.Year} Q{((date.Month - 1) / 3) + 1}";
}
