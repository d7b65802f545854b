namespace FactoryCloud.Domain.Backlogs;

/// <summary>Sprint planning: capacity against committed points, per member and in total.</summary>
public static class SprintCapacity
{
    public sealed record PlannedItem(Guid? AssigneeId, double? Points, ColumnCategory Category);

    public sealed record MemberLoad(Guid? UserId, double Capacity, double Committed)
    {
        public bool Overloaded => Committed > Capacity + 1e-9;
    }

    public sealed record Summary(double Capacity, double Committed, IReadOnlyList<MemberLoad> Members)
    {
        public bool Overcommitted => Committed > Capacity + 1e-9;
    }

    /// <summary>Cancelled items do not count; unassigned points show as a member with no user and no capacity.</summary>
    public static Summary Summarize(IReadOnlyList<MemberCapacity> capacity, IEnumerable<PlannedItem> items)
    {
        var counted = items.Where(i => i.Category != ColumnCategory.Removed).ToList();
        var byMember = counted.GroupBy(i => i.AssigneeId).ToDictionary(g => g.Key ?? Guid.Empty, g => g.Sum(i => i.Points ?? 0));
        var members = capacity.Select(c => new MemberLoad(c.UserId, c.Points, byMember.GetValueOrDefault(c.UserId))).ToList();
        var known = capacity.Select(c => c.UserId).ToHashSet();
        members.AddRange(byMember.Where(m => !known.Contains(m.Key)).Select(m => new MemberLoad(m.Key == Guid.Empty ? null : m.Key, 0, m.Value)));
        return new Summary(capacity.Sum(c => c.Points), counted.Sum(i => i.Points ?? 0), members);
    }

    /// <summary>At sprint close: the items not done (and not cancelled) move on to the next sprint or the backlog.</summary>
    public static IReadOnlyList<Guid> CarryOver(IEnumerable<(Guid Id, ColumnCategory Category)> items) =>
        items.Where(i => i.Category is ColumnCategory.Proposed or ColumnCategory.InProgress).Select(i => i.Id).ToList();
}
