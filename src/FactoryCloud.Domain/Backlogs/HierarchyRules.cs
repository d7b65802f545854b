namespace FactoryCloud.Domain.Backlogs;

/// <summary>
/// Which type may sit under which: Feature under Epic; Story under Feature; Bug under Feature or Story; Task under
/// Story or Bug. Epics have no parent. Each allowed parent is higher in that order, so no cycle can form; a parent
/// must also belong to the same product.
/// </summary>
public static class HierarchyRules
{
    public static IReadOnlyList<WorkItemType> AllowedParents(WorkItemType child) => child switch
    {
        WorkItemType.Epic => [],
        WorkItemType.Feature => [WorkItemType.Epic],
        WorkItemType.Story => [WorkItemType.Feature],
        WorkItemType.Bug => [WorkItemType.Feature, WorkItemType.Story],
        _ => [WorkItemType.Story, WorkItemType.Bug],
    };

    /// <summary>Null when <paramref name="child"/> may sit under <paramref name="parent"/>.</summary>
    public static string? Problem(WorkItemType child, WorkItemType parent, bool sameProduct)
    {
        if (!sameProduct) return "The parent belongs to another product.";
        var allowed = AllowedParents(child);
        if (allowed.Contains(parent)) return null;
        return allowed.Count == 0
            ? $"An {child} has no parent."
            : $"A {child} goes under {string.Join(" or ", allowed.Select(a => a.ToString()))}, not under a {parent}.";
    }

    /// <summary>Null when an item of type <paramref name="newType"/> can keep its children of <paramref name="childTypes"/>.</summary>
    public static string? ChildrenProblem(WorkItemType newType, IEnumerable<WorkItemType> childTypes) =>
        childTypes.Where(c => !AllowedParents(c).Contains(newType)).Select(c => (WorkItemType?)c).FirstOrDefault() is { } orphan
            ? $"This item has a {orphan} child, which cannot sit under a {newType}."
            : null;
}
