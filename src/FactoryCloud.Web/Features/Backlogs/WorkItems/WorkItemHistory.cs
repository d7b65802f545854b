using FactoryCloud.Domain.Backlogs;

namespace FactoryCloud.Web.Features.Backlogs.WorkItems;

/// <summary>Adds activity history rows to the context, saved in the same transaction as the change they describe.</summary>
internal static class WorkItemHistory
{
    /// <summary>One row per changed field between <paramref name="before"/> and the item's current values.</summary>
    public static void RecordChanges(AppDbContext db, WorkItem item, IReadOnlyDictionary<string, string?> before, BacklogActor actor, string userName)
    {
        foreach (var change in WorkItemFields.Diff(before, WorkItemFields.Capture(item)))
            Add(db, item, actor, userName, change.Field, change.OldValue, change.NewValue);
    }

    /// <summary>A creation row, then every initial value (so charts can replay an item from its history alone).</summary>
    public static void RecordCreated(AppDbContext db, WorkItem item, BacklogActor actor, string userName)
    {
        Add(db, item, actor, userName, WorkItemFields.Created, null, item.Title);
        RecordChanges(db, item, new Dictionary<string, string?>(), actor, userName);
    }

    public static void Add(AppDbContext db, WorkItem item, BacklogActor actor, string userName, string field, string? oldValue, string? newValue) =>
        db.WorkItemHistory.Add(new WorkItemHistoryEntry
        {
            WorkItemId = item.Id, ProductId = item.ProductId, At = actor.Now, UserId = actor.UserId, UserName = userName,
            Field = field, OldValue = Clip(oldValue), NewValue = Clip(newValue),
        });

    private static string? Clip(string? value) =>
        value is { Length: > WorkItemHistoryEntry.ValueMaxLength } ? value[..(WorkItemHistoryEntry.ValueMaxLength - 1)] + "…" : value;
}
