using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>A field a tenant adds to one product's work items; values are checked by <see cref="CustomFieldRules"/>.</summary>
public sealed class CustomFieldDefinition : ITenantOwned
{
    public const int NameMaxLength = 60;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    public required string Name { get; set; }
    public CustomFieldKind Kind { get; set; }

    /// <summary>The choices of a single or multi select; empty for other kinds.</summary>
    public List<string> Options { get; set; } = [];

    public bool Required { get; set; }
    public int Position { get; set; }
}
