namespace FactoryCloud.Domain.Backlogs;

/// <summary>The lifecycle every new product starts with; each product can rename, add, remove and reorder columns.</summary>
public static class DefaultWorkflow
{
    public static readonly IReadOnlyList<(string Name, ColumnCategory Category)> Columns =
    [
        ("Opportunity", ColumnCategory.Proposed),
        ("Analysis", ColumnCategory.Proposed),
        ("Ready", ColumnCategory.Proposed),
        ("In development", ColumnCategory.InProgress),
        ("In test", ColumnCategory.InProgress),
        ("Deploying", ColumnCategory.InProgress),
        ("In operation", ColumnCategory.Done),
        ("Done", ColumnCategory.Done),
        ("Cancelled", ColumnCategory.Removed),
    ];

    public static List<WorkflowColumn> For(Guid productId) =>
        Columns.Select((c, i) => new WorkflowColumn { ProductId = productId, Name = c.Name, Category = c.Category, Position = i }).ToList();
}
