using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>A digital product or initiative, owned end to end by one cross-functional team under one business owner.</summary>
public sealed class Product : ITenantOwned
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";

    /// <summary>The business owner: a member of the tenant (user id); the name is kept for display and export.</summary>
    public Guid? BusinessOwnerId { get; set; }
    public string BusinessOwnerName { get; set; } = "";

    /// <summary>The team that runs the product, if one is assigned.</summary>
    public Guid? TeamId { get; set; }

    /// <summary>How a move past a column's WIP limit is handled.</summary>
    public WipMode WipMode { get; set; } = WipMode.WarnAndConfirm;

    /// <summary>The estimates allowed on this product's work items, ascending.</summary>
    public List<double> PointScale { get; set; } = [.. Backlogs.PointScale.Fibonacci];

    public DateTimeOffset CreatedAt { get; set; }
}
