using System.ComponentModel.DataAnnotations;
using FactoryCloud.Domain.Backlogs;

namespace FactoryCloud.Web.Features.Backlogs.Products;

public sealed record ColumnView(Guid Id, string Name, ColumnCategory Category, int Position, int? WipLimit);

public sealed record CustomFieldView(Guid Id, string Name, CustomFieldKind Kind, IReadOnlyList<string> Options, bool Required, int Position);

public sealed record ProductView(
    Guid Id, string Name, string Description, Guid? BusinessOwnerId, string BusinessOwnerName, Guid? TeamId, WipMode WipMode,
    IReadOnlyList<double> PointScale, IReadOnlyList<ColumnView> Columns, IReadOnlyList<CustomFieldView> CustomFields);

public sealed class ProductRequest : IValidatableObject
{
    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(Product.NameMaxLength, ErrorMessage = "The name can be at most 100 characters.")]
    public string Name { get; set; } = "";

    [StringLength(WorkItem.TextMaxLength)]
    public string Description { get; set; } = "";

    public Guid? BusinessOwnerId { get; set; }

    [StringLength(200)]
    public string BusinessOwnerName { get; set; } = "";

    public Guid? TeamId { get; set; }
    public WipMode WipMode { get; set; } = WipMode.WarnAndConfirm;

    /// <summary>Null keeps the current scale (Fibonacci for a new product).</summary>
    public List<double>? PointScale { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PointScale is not null && Domain.Backlogs.PointScale.Problem(PointScale) is { } problem)
            yield return new ValidationResult(problem, [nameof(PointScale)]);
    }
}

public sealed class ColumnRequest
{
    /// <summary>An existing column to keep (renamed, moved, re-limited); null for a new one.</summary>
    public Guid? Id { get; set; }

    [Required(ErrorMessage = "Enter a column name.")]
    [StringLength(WorkflowColumn.NameMaxLength, ErrorMessage = "A column name can be at most 60 characters.")]
    public string Name { get; set; } = "";

    public ColumnCategory Category { get; set; }

    [Range(1, 999, ErrorMessage = "A WIP limit is 1 to 999 items (leave it empty for none).")]
    public int? WipLimit { get; set; }
}

/// <summary>A product's whole workflow, left to right: columns left out are removed (only when empty).</summary>
public sealed class WorkflowRequest : IValidatableObject
{
    public List<ColumnRequest> Columns { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Columns.Count is 0 or > 30) yield return new ValidationResult("A workflow has 1 to 30 columns.", [nameof(Columns)]);
        foreach (var column in Columns)
            foreach (var error in RequestValidation.Validate(column)?.Errors?.Values.SelectMany(e => e) ?? [])
                yield return new ValidationResult(error, [nameof(Columns)]);
        if (Columns.Select(c => c.Name.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != Columns.Count)
            yield return new ValidationResult("Column names must be distinct.", [nameof(Columns)]);
        if (!Columns.Any(c => c.Category == ColumnCategory.Proposed) || !Columns.Any(c => c.Category == ColumnCategory.Done))
            yield return new ValidationResult("A workflow needs at least one proposed and one done column.", [nameof(Columns)]);
    }
}

public sealed class CustomFieldRequest : IValidatableObject
{
    [Required(ErrorMessage = "Enter a field name.")]
    [StringLength(CustomFieldDefinition.NameMaxLength, ErrorMessage = "A field name can be at most 60 characters.")]
    public string Name { get; set; } = "";

    public CustomFieldKind Kind { get; set; }
    public List<string> Options { get; set; } = [];
    public bool Required { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CustomFieldRules.DefinitionProblem(Kind, Options) is { } problem) yield return new ValidationResult(problem, [nameof(Options)]);
    }
}
