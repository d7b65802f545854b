using FactoryCloud.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Entra;

/// <summary>
/// An Owner links the current organisation to the Entra tenant they just signed in with, chooses the Entra group whose
/// members get in, or removes the link. The Owner's own account gets the Entra login, so they can sign in with it.
/// </summary>
public sealed class EntraLinkService(
    IDbContextFactory<AppDbContext> contexts,
    CurrentTenant current,
    UserManager<AppUser> users,
    AuditLog audit,
    TimeProvider clock)
{
    private const string OwnersOnly = "Only an Owner can link the organisation to Microsoft Entra ID.";

    public async Task<EntraLinkView?> GetAsync(CancellationToken cancellationToken = default)
    {
        var tenantId = current.RequireTenantId();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.EntraTenantLinks.Where(l => l.TenantId == tenantId)
            .Select(l => new EntraLinkView(l.EntraTenantId, l.MemberGroupId, l.GroupRole, l.LinkedAt))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<OperationResult<EntraLinkView>> LinkAsync(EntraIdentity identity, CancellationToken cancellationToken = default)
    {
        if (current.Role != TenantRole.Owner || current.UserId is not { } ownerId) return Failure.Forbidden(OwnersOnly);
        var tenantId = current.RequireTenantId();
        var owner = await users.FindByIdAsync(ownerId.ToString());
        if (owner is null) return Failure.Forbidden(OwnersOnly);

        var loginOwner = await users.FindByLoginAsync(EntraOptions.LoginProvider, identity.LoginKey);
        if (loginOwner is not null && loginOwner.Id != ownerId)
            return Failure.Conflict("This Microsoft account already signs in to another FactoryCloud account.");

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.EntraTenantLinks.AnyAsync(l => l.EntraTenantId == identity.EntraTenantId && l.TenantId != tenantId, cancellationToken))
            return Failure.Conflict("This Entra tenant is already linked to another FactoryCloud organisation.");

        var link = await db.EntraTenantLinks.FirstOrDefaultAsync(l => l.TenantId == tenantId, cancellationToken);
        var action = link is null ? AuditAction.EntraLinkCreated : AuditAction.EntraLinkChanged;
        if (link is null) db.EntraTenantLinks.Add(link = new EntraTenantLink { TenantId = tenantId });
        else if (link.EntraTenantId != identity.EntraTenantId) link.MemberGroupId = null;
        var details = action == AuditAction.EntraLinkCreated || link.EntraTenantId == identity.EntraTenantId
            ? $"Entra tenant {identity.EntraTenantId}"
            : $"Entra tenant {link.EntraTenantId} → {identity.EntraTenantId} (group cleared)";
        link.EntraTenantId = identity.EntraTenantId;
        link.LinkedByUserId = ownerId;
        link.LinkedAt = clock.GetUtcNow();
        await audit.AddAsync(db, action, "Microsoft Entra ID link", details, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        if (loginOwner is null)
            await users.AddLoginAsync(owner, new UserLoginInfo(EntraOptions.LoginProvider, identity.LoginKey, "Microsoft Entra ID"));
        return new EntraLinkView(link.EntraTenantId, link.MemberGroupId, link.GroupRole, link.LinkedAt);
    }

    public async Task<OperationResult> SetGroupAsync(EntraGroupRequest request, CancellationToken cancellationToken = default)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        if (current.Role != TenantRole.Owner) return Failure.Forbidden(OwnersOnly);
        if (request.GroupRole == TenantRole.Owner)
            return Failure.Invalid(nameof(EntraGroupRequest.GroupRole), "A group cannot make people Owners; invite Owners one by one.");
        var tenantId = current.RequireTenantId();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.EntraTenantLinks.FirstOrDefaultAsync(l => l.TenantId == tenantId, cancellationToken);
        if (link is null) return Failure.NotFound("The Entra link");
        link.MemberGroupId = string.IsNullOrWhiteSpace(request.MemberGroupId) ? null : Guid.Parse(request.MemberGroupId);
        link.GroupRole = request.GroupRole;
        await audit.AddAsync(db, AuditAction.EntraLinkChanged, "Microsoft Entra ID link",
            link.MemberGroupId is { } group ? $"Group {group} gets in as {link.GroupRole}" : "No group gets in", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Success;
    }

    /// <summary>Ends Entra sign-in for the organisation; members keep their accounts and can be given local passwords.</summary>
    public async Task<OperationResult> UnlinkAsync(CancellationToken cancellationToken = default)
    {
        if (current.Role != TenantRole.Owner) return Failure.Forbidden(OwnersOnly);
        var tenantId = current.RequireTenantId();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var link = await db.EntraTenantLinks.FirstOrDefaultAsync(l => l.TenantId == tenantId, cancellationToken);
        if (link is null) return Failure.NotFound("The Entra link");
        db.EntraTenantLinks.Remove(link);
        await audit.AddAsync(db, AuditAction.EntraLinkRemoved, "Microsoft Entra ID link", $"Entra tenant {link.EntraTenantId}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Success;
    }
}
