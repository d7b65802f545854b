namespace FactoryCloud.Domain.Backlogs.Charts;

/// <summary>
/// Column id to category, from the product's current columns: charts stay correct when columns are renamed or
/// re-categorised. A column that no longer exists counts as <see cref="ColumnCategory.Proposed"/>.
/// </summary>
public sealed class ColumnMap(IEnumerable<WorkflowColumn> columns)
{
    private readonly Dictionary<Guid, ColumnCategory> _categories = columns.ToDictionary(c => c.Id, c => c.Category);

    public ColumnCategory CategoryOf(Guid? columnId) =>
        columnId is { } id && _categories.TryGetValue(id, out var category) ? category : ColumnCategory.Proposed;
}
