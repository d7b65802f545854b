using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>
/// A link from a work item to something elsewhere in FactoryCloud: a machine, line or site, an alert, a maturity
/// dimension, or any kind another feature adds (<see cref="LinkKinds"/>). The target is an opaque id in its
/// feature's terms; the label is what to show without asking that feature.
/// </summary>
public sealed class WorkItemLink : ITenantOwned
{
    public const int KindMaxLength = 40;
    public const int TargetMaxLength = 128;
    public const int LabelMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid WorkItemId { get; set; }
    public required string Kind { get; set; }
    public required string TargetId { get; set; }
    public string Label { get; set; } = "";
}
