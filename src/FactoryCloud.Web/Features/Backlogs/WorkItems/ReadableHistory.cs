using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Shared;

namespace FactoryCloud.Web.Features.Backlogs.WorkItems;

/// <summary>A history entry as people read it: a field label, and names instead of ids.</summary>
public sealed record ReadableHistoryEntry(DateTimeOffset At, string UserName, string Field, string? OldValue, string? NewValue);

/// <summary>
/// Turns stored history (field keys, ids; kept as they are for the API and the charts that replay it) into what the
/// item page shows: "Acceptance criteria", "Parent: – → Reduce scrap on Line 1", "Assignee: Unassigned → Pia".
/// </summary>
public static class ReadableHistory
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [WorkItemFields.AcceptanceCriteria] = "Acceptance criteria",
        [WorkItemFields.DueDate] = "Due date",
        [WorkItemFields.Column] = "Status",
    };

    /// <summary>The label of a stored field key: custom fields by their name, the rest in words.</summary>
    public static string Label(string field) =>
        field.StartsWith(WorkItemFields.CustomFieldPrefix, StringComparison.Ordinal) ? field[WorkItemFields.CustomFieldPrefix.Length..]
        : Labels.TryGetValue(field, out var label) ? label : DisplayFormat.Words(field);

    public static async Task<IReadOnlyList<ReadableHistoryEntry>> ReadAsync(
        AppDbContext db, IReadOnlyList<HistoryView> entries, IReadOnlyList<Person> people, CancellationToken ct)
    {
        var ids = entries.Where(e => IsReference(e.Field))
            .SelectMany(e => new[] { WorkItemFields.ParseId(e.OldValue), WorkItemFields.ParseId(e.NewValue) })
            .OfType<Guid>().Distinct().ToList();
        var names = new Dictionary<Guid, string>();
        if (ids.Count > 0)
        {
            foreach (var x in await db.WorkItems.Where(w => ids.Contains(w.Id)).Select(w => new { w.Id, w.Title }).ToListAsync(ct)) names[x.Id] = x.Title;
            foreach (var x in await db.WorkflowColumns.Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct)) names[x.Id] = x.Name;
            foreach (var x in await db.Sprints.Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct)) names[x.Id] = x.Name;
            foreach (var x in await db.Products.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct)) names[x.Id] = x.Name;
        }
        return entries.Select(e => new ReadableHistoryEntry(e.At, e.UserName, Label(e.Field),
            Value(e.Field, e.OldValue, names, people), Value(e.Field, e.NewValue, names, people))).ToList();
    }

    private static bool IsReference(string field) =>
        field is WorkItemFields.Parent or WorkItemFields.Column or WorkItemFields.Sprint or WorkItemFields.Product or WorkItemFields.Assignee;

    private static string? Value(string field, string? value, Dictionary<Guid, string> names, IReadOnlyList<Person> people)
    {
        if (value is null || !IsReference(field)) return value;
        if (WorkItemFields.ParseId(value) is not { } id) return value;
        if (field == WorkItemFields.Assignee) return Person.NameOf(people, id);
        return names.TryGetValue(id, out var name) ? name : field == WorkItemFields.Parent ? "(deleted item)" : "(deleted)";
    }
}
