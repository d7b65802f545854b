using System.ComponentModel.DataAnnotations;

namespace FactoryCloud.Web.Features.Entra;

/// <summary>The current organisation's link to an Entra tenant, as shown on the settings page and the API.</summary>
public sealed record EntraLinkView(Guid EntraTenantId, Guid? MemberGroupId, TenantRole GroupRole, DateTimeOffset LinkedAt);

/// <summary>Who may get in through the Entra group: its object id (empty: nobody by group) and the role they get.</summary>
public sealed class EntraGroupRequest
{
    [RegularExpression("^$|^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
        ErrorMessage = "Enter the group's object id (a GUID, as shown in Entra ID), or leave it empty.")]
    public string? MemberGroupId { get; set; }

    public TenantRole GroupRole { get; set; } = TenantRole.Viewer;
}
