using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>
/// One value of a custom field on a work item, in canonical text (<see cref="CustomFieldRules"/>): a multi select
/// has one row per chosen option, so filtering by a field is an indexed equality on (field, value).
/// </summary>
public sealed class CustomFieldValue : ITenantOwned
{
    public const int ValueMaxLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid WorkItemId { get; set; }
    public Guid FieldId { get; set; }
    public required string Value { get; set; }
}
