using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>
/// One change of one field of a work item: who, when, old and new value (invariant text, see
/// <see cref="WorkItemFields"/>). Charts (burndown, cumulative flow, cycle time) replay these.
/// </summary>
public sealed class WorkItemHistoryEntry : ITenantOwned
{
    public const int FieldMaxLength = 80;
    public const int ValueMaxLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid WorkItemId { get; set; }
    public Guid ProductId { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    public required string Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}
