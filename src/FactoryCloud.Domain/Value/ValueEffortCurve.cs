namespace FactoryCloud.Domain.Value;

/// <summary>
/// A measured item on the value-against-effort curve, with the running totals of its currency up to it: story points,
/// and sprints (the distinct sprints its items were done in so far; <see cref="Sprint"/> null for an item done outside a sprint).
/// </summary>
public sealed record ValueEffortStep(Guid WorkItemId, string Title, DateTimeOffset DoneAt, double StoryPoints, decimal PerMonth, string Currency,
    double CumulativePoints, decimal CumulativePerMonth, string? Sprint = null, int CumulativeSprints = 0);

/// <summary>
/// Value delivered against effort: the measured items in the order they were done, with cumulative story points (x)
/// and cumulative money per month (y), one curve per currency (amounts in different currencies are never added). An
/// item without an estimate adds value at no recorded effort (0 points), so the curve rises straight up there.
/// Effort in sprints counts the distinct sprints the items were done in, in the order their first item was done; an
/// item done outside any sprint (or in a sprint already counted) adds none.
/// </summary>
public static class ValueEffortCurve
{
    public sealed record Input(Guid WorkItemId, string Title, DateTimeOffset DoneAt, double? StoryPoints, decimal PerMonth, string Currency,
        Guid? SprintId = null, string? SprintName = null);

    public static IReadOnlyList<ValueEffortStep> Build(IEnumerable<Input> items)
    {
        var steps = new List<ValueEffortStep>();
        foreach (var currency in items.GroupBy(i => i.Currency).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            double points = 0;
            decimal value = 0;
            var sprints = new HashSet<Guid>();
            foreach (var i in currency.OrderBy(i => i.DoneAt).ThenBy(i => i.WorkItemId))
            {
                points += i.StoryPoints ?? 0;
                value += i.PerMonth;
                if (i.SprintId is { } sprint) sprints.Add(sprint);
                steps.Add(new ValueEffortStep(i.WorkItemId, i.Title, i.DoneAt, i.StoryPoints ?? 0, i.PerMonth, i.Currency, points, value,
                    i.SprintId is null ? null : i.SprintName ?? "", sprints.Count));
            }
        }
        return steps;
    }
}
