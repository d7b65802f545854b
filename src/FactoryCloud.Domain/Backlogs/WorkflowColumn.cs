using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>A column of a product's board, mapped to a <see cref="ColumnCategory"/>, with an optional WIP limit.</summary>
public sealed class WorkflowColumn : ITenantOwned
{
    public const int NameMaxLength = 60;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    public required string Name { get; set; }
    public ColumnCategory Category { get; set; }

    /// <summary>Left to right.</summary>
    public int Position { get; set; }

    /// <summary>Most items allowed in the column at once; null for no limit.</summary>
    public int? WipLimit { get; set; }
}
