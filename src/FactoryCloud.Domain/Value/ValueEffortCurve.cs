namespace FactoryCloud.Domain.Value;

/// <summary>A measured item on the value-against-effort curve, with the running totals of its currency up to it.</summary>
public sealed record ValueEffortStep(Guid WorkItemId, string Title, DateTimeOffset DoneAt, double StoryPoints, decimal PerMonth, string Currency,
    double CumulativePoints, decimal CumulativePerMonth);

/// <summary>
/// Value delivered against effort: the measured items in the order they were done, with cumulative story points (x)
/// and cumulative money per month (y), one curve per currency (amounts in different currencies are never added). An
/// item without an estimate adds value at no recorded effort (0 points), so the curve rises straight up there.
/// </summary>
public static class ValueEffortCurve
{
    public sealed record Input(Guid WorkItemId, string Title, DateTimeOffset DoneAt, double? StoryPoints, decimal PerMonth, string Currency);

    public static IReadOnlyList<ValueEffortStep> Build(IEnumerable<Input> items)
    {
        var steps = new List<ValueEffortStep>();
        foreach (var currency in items.GroupBy(i => i.Currency).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            double points = 0;
            decimal value = 0;
            foreach (var i in currency.OrderBy(i => i.DoneAt).ThenBy(i => i.WorkItemId))
            {
                points += i.StoryPoints ?? 0;
                value += i.PerMonth;
                steps.Add(new ValueEffortStep(i.WorkItemId, i.Title, i.DoneAt, i.StoryPoints ?? 0, i.PerMonth, i.Currency, points, value));
            }
        }
        return steps;
    }
}
