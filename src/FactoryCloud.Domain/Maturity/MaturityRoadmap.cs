namespace FactoryCloud.Domain.Maturity;

public sealed record RoadmapItem(PriorityItem Gap, DateOnly? TargetDate, string Period, bool Overdue);

/// <summary>
/// The open gaps as a timeline: dated gaps by target date (earliest first, then by priority), grouped into
/// calendar quarters; gaps without a target date come last, by priority, under "No target date".
/// </summary>
public static class MaturityRoadmap
{
    public const string Unscheduled = "No target date";

    public static IReadOnlyList<RoadmapItem> Build(AssessmentScore score, DateOnly today)
    {
        var ranked = GapPrioritisation.Rank(score);
        var rank = ranked.Select((p, i) => (p, i)).ToDictionary(x => x.p.Dimension.Key, x => x.i);
        return ranked
            .OrderBy(p => p.Dimension.TargetDate is null)
            .ThenBy(p => p.Dimension.TargetDate)
            .ThenBy(p => rank[p.Dimension.Key])
            .Select(p => new RoadmapItem(p, p.Dimension.TargetDate, PeriodOf(p.Dimension.TargetDate), p.Dimension.TargetDate < today))
            .ToList();
    }

    public static string PeriodOf(DateOnly? date) => date is { } d ? $"{d.Year} Q{((d.Month - 1) / 3) + 1}" : Unscheduled;
}
