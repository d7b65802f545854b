using FactoryCloud.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Tenancy;

public sealed record OrganisationSecurity(bool RequireTwoFactor);

/// <summary>
/// The organisation's security settings: an Owner can require two-factor sign-in of every member (audited as
/// <see cref="AuditAction.TwoFactorRequirementChanged"/>). An Owner must have it on themselves before requiring it.
/// </summary>
public sealed class OrganisationSecurityService(
    IDbContextFactory<AppDbContext> contexts, CurrentTenant current, UserManager<AppUser> users, AuditLog audit)
{
    public async Task<OrganisationSecurity> GetAsync(CancellationToken ct = default)
    {
        var tenantId = current.RequireTenantId();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return new OrganisationSecurity(await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.RequireTwoFactor).FirstAsync(ct));
    }

    public async Task<OperationResult> SetAsync(OrganisationSecurity settings, CancellationToken ct = default)
    {
        if (current.Role != TenantRole.Owner || current.UserId is not { } ownerId)
            return Failure.Forbidden("Only an Owner can change the organisation's security settings.");
        if (settings.RequireTwoFactor && (await users.FindByIdAsync(ownerId.ToString()) is not { } owner || !await users.GetTwoFactorEnabledAsync(owner)))
            return Failure.Conflict("Switch on two-factor sign-in for your own account first (/account/two-factor), so that requiring it cannot hold you up.");
        var tenantId = current.RequireTenantId();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.FirstAsync(t => t.Id == tenantId, ct);
        if (tenant.RequireTwoFactor == settings.RequireTwoFactor) return OperationResult.Success;
        tenant.RequireTwoFactor = settings.RequireTwoFactor;
        await audit.AddAsync(db, AuditAction.TwoFactorRequirementChanged, "Two-factor sign-in",
            settings.RequireTwoFactor ? "Required of every member" : "No longer required", ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Success;
    }
}
