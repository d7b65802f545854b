namespace FactoryCloud.Domain.Backlogs;

/// <summary>
/// What dropping a card into another epic swimlane does to its parent. The card itself is re-parented: one whose
/// parent is its epic (a feature), or that has no parent, goes under the target epic (or loses its parent in the
/// "No epic" lane) when the hierarchy allows it. A card that belongs to its epic through another parent (a story under
/// a feature) is refused rather than silently cut from that parent: its parent is the one to move. An epic is its own lane.
/// </summary>
public static class EpicLaneRules
{
    public sealed record Outcome(Guid? ParentId, string? Problem);

    /// <param name="currentEpic">The card's top-most epic ancestor (its lane), null for "No epic".</param>
    /// <param name="targetEpic">The epic of the lane it was dropped into, null for "No epic".</param>
    public static Outcome Reassign(WorkItemType type, Guid? parentId, Guid? currentEpic, Guid? targetEpic)
    {
        if (currentEpic == targetEpic) return new(parentId, null);
        if (type == WorkItemType.Epic) return new(parentId, "An epic is its own swimlane; it cannot move into another epic's.");
        if (parentId is not null && parentId != currentEpic)
            return new(parentId, $"This {type} belongs to its epic through its parent; move the parent to the other epic instead.");
        if (targetEpic is null) return new(null, null);
        return HierarchyRules.AllowedParents(type).Contains(WorkItemType.Epic)
            ? new(targetEpic, null)
            : new(parentId, $"A {type} cannot sit directly under an epic; give it a parent of that epic on its page.");
    }
}
