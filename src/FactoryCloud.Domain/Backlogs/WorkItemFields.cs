using System.Globalization;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>
/// The fields the activity history tracks, as invariant text, and the diff between two captures. The rank is not
/// tracked: a reorder writes only the moved row. <see cref="Created"/> marks the creation entry.
/// </summary>
public static class WorkItemFields
{
    public const string Created = "Created";
    public const string Deleted = "Deleted";
    public const string Type = "Type";
    public const string Title = "Title";
    public const string Description = "Description";
    public const string AcceptanceCriteria = "AcceptanceCriteria";
    public const string Column = "Column";
    public const string Assignee = "Assignee";
    public const string Estimate = "Estimate";
    public const string Priority = "Priority";
    public const string Tags = "Tags";
    public const string DueDate = "DueDate";
    public const string Parent = "Parent";
    public const string Sprint = "Sprint";
    public const string Product = "Product";
    public const string CustomFieldPrefix = "Field:";

    public sealed record Change(string Field, string? OldValue, string? NewValue);

    public static IReadOnlyDictionary<string, string?> Capture(WorkItem item) => new Dictionary<string, string?>
    {
        [Product] = Text(item.ProductId),
        [Type] = item.Type.ToString(),
        [Title] = item.Title,
        [Description] = item.Description,
        [AcceptanceCriteria] = item.AcceptanceCriteria,
        [Column] = Text(item.ColumnId),
        [Assignee] = Text(item.AssigneeId),
        [Estimate] = Text(item.Estimate),
        [Priority] = item.Priority.ToString(),
        [Tags] = item.Tags.Length == 0 ? null : item.Tags,
        [DueDate] = item.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [Parent] = Text(item.ParentId),
        [Sprint] = Text(item.SprintId),
    };

    /// <summary>The fields whose value differs, in <paramref name="after"/>'s order; a missing field counts as null.</summary>
    public static IReadOnlyList<Change> Diff(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after) =>
        after.Where(a => !string.Equals(before.GetValueOrDefault(a.Key), a.Value, StringComparison.Ordinal))
            .Select(a => new Change(a.Key, before.GetValueOrDefault(a.Key), a.Value))
            .Concat(before.Where(b => !after.ContainsKey(b.Key) && b.Value is not null).Select(b => new Change(b.Key, b.Value, null)))
            .ToList();

    public static string? Text(Guid? id) => id?.ToString("D");

    public static string? Text(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    public static Guid? ParseId(string? text) => Guid.TryParse(text, out var id) ? id : null;

    public static double? ParseNumber(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
