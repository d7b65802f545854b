using System.Security.Claims;

namespace FactoryCloud.Web.Features.Entra;

/// <summary>Who an Entra token says the caller is: the tenant (<c>tid</c>), the user (<c>oid</c>) and what is needed to provision them.</summary>
public sealed record EntraIdentity(Guid EntraTenantId, Guid ObjectId, string? Email, string? DisplayName, IReadOnlySet<Guid> Groups)
{
    // With MapInboundClaims the handlers rename tid and oid to these long names; read both.
    private const string TenantIdLong = "http://schemas.microsoft.com/identity/claims/tenantid";
    private const string ObjectIdLong = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    public string LoginKey => EntraOptions.LoginKey(EntraTenantId, ObjectId);

    public static EntraIdentity? From(ClaimsPrincipal principal)
    {
        if (!Guid.TryParse(principal.FindFirstValue("tid") ?? principal.FindFirstValue(TenantIdLong), out var tenantId)
            || !Guid.TryParse(principal.FindFirstValue("oid") ?? principal.FindFirstValue(ObjectIdLong), out var objectId))
            return null;
        var email = principal.FindFirstValue("email") ?? principal.FindFirstValue("preferred_username")
            ?? principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue(ClaimTypes.Upn);
        var groups = principal.FindAll("groups").Select(c => Guid.TryParse(c.Value, out var g) ? g : Guid.Empty)
            .Where(g => g != Guid.Empty).ToHashSet();
        return new EntraIdentity(tenantId, objectId, email?.Trim(), principal.FindFirstValue("name"), groups);
    }
}
