using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Web.Features.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Entra;

/// <summary>
/// Maps a validated Entra identity (tid, oid) to a FactoryCloud user and membership, for the interactive sign-in and
/// for API access tokens alike. A user of a linked Entra tenant gets in when already a member, invited by address,
/// or in the link's group (<see cref="EntraAccess"/>); the account and membership are created on first sign-in.
/// </summary>
public sealed class EntraSignInService(
    AppDbContextFactory contexts,
    UserManager<AppUser> users,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<EntraSignInService> logger)
{
    public async Task<EntraSignInResult> SignInAsync(EntraIdentity identity, CancellationToken cancellationToken = default)
    {
        EntraTenantLink? link;
        await using (var shared = contexts.Create(DataScope.None))
            link = await shared.EntraTenantLinks.AsNoTracking().FirstOrDefaultAsync(l => l.EntraTenantId == identity.EntraTenantId, cancellationToken);
        if (link is null)
        {
            logger.LogInformation("Entra sign-in refused: Entra tenant {EntraTenant} is not linked to an organisation.", identity.EntraTenantId);
            return new(EntraSignInStatus.NotRegistered);
        }

        var user = await users.FindByLoginAsync(EntraOptions.LoginProvider, identity.LoginKey);
        await using var db = contexts.Create(DataScope.ForTenant(link.TenantId, user?.Id));
        var existing = user is null ? null
            : await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id).Select(m => new { m.Role, m.JoinedViaEntraGroup }).FirstOrDefaultAsync(cancellationToken);
        var invitation = existing is null ? await OpenInvitationAsync(db, identity.Email, cancellationToken) : null;
        var inGroup = link.MemberGroupId is { } group && identity.Groups.Contains(group);

        var decision = EntraAccess.Decide(tenantLinked: true, existing?.Role, existing?.JoinedViaEntraGroup ?? false, invitation?.Role, inGroup, link.GroupRole);
        if (decision.Outcome == EntraAccessOutcome.LeftGroup)
        {
            logger.LogInformation("Entra sign-in refused: {EntraUser} of {EntraTenant} joined {Tenant} through its group and is no longer in it.", identity.ObjectId, identity.EntraTenantId, link.TenantId);
            return new(EntraSignInStatus.LeftGroup, user?.Id, link.TenantId);
        }
        if (!decision.GetsIn)
        {
            logger.LogInformation("Entra sign-in refused: {EntraUser} of {EntraTenant} was not invited to {Tenant}.", identity.ObjectId, identity.EntraTenantId, link.TenantId);
            return new(EntraSignInStatus.NotInvited, user?.Id, link.TenantId);
        }
        if (decision.Outcome == EntraAccessOutcome.Member)
            return new(EntraSignInStatus.SignedIn, user!.Id, link.TenantId);

        return await JoinAsync(identity, user, link.TenantId, decision, invitation?.Id, cancellationToken);
    }

    private async Task<Invitation?> OpenInvitationAsync(AppDbContext db, string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        var normalized = email.ToUpperInvariant();
        var now = clock.GetUtcNow();
        var open = await db.Invitations.AsNoTracking()
            .Where(i => i.Email.ToUpper() == normalized && i.AcceptedAt == null && i.RevokedAt == null)
            .ToListAsync(cancellationToken);
        return open.Where(i => i.IsOpenAt(now)).OrderByDescending(i => i.CreatedAt).FirstOrDefault();
    }

    /// <summary>Creates the account (if new), its Entra login, the membership and accepts the invitation, in one transaction.</summary>
    private async Task<EntraSignInResult> JoinAsync(EntraIdentity identity, AppUser? existing, Guid tenantId, EntraAccessDecision decision, Guid? invitationId, CancellationToken cancellationToken)
    {
        var role = decision.Role!.Value;
        var now = clock.GetUtcNow();
        var user = existing ?? new AppUser { CreatedAt = now, DisplayName = identity.DisplayName, EmailConfirmed = true };
        await using var work = new TenantUnitOfWork(scopes, tenantId, user.Id);
        await using var transaction = await work.Db.Database.BeginTransactionAsync(cancellationToken);
        if (existing is null)
        {
            if (string.IsNullOrWhiteSpace(identity.Email)) return new(EntraSignInStatus.NoEmail, null, tenantId);
            if (await work.Users.FindByEmailAsync(identity.Email) is not null) return new(EntraSignInStatus.EmailTaken, null, tenantId);
            user.UserName = identity.Email;
            user.Email = identity.Email;
            var created = await work.Users.CreateAsync(user);
            if (!created.Succeeded) throw new InvalidOperationException("Creating the Entra user failed: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            var login = await work.Users.AddLoginAsync(user, new UserLoginInfo(EntraOptions.LoginProvider, identity.LoginKey, "Microsoft Entra ID"));
            if (!login.Succeeded) throw new InvalidOperationException("Adding the Entra login failed: " + string.Join(" ", login.Errors.Select(e => e.Description)));
        }

        work.Db.Memberships.Add(new Membership
        {
            TenantId = tenantId, UserId = user.Id, Role = role, JoinedAt = now,
            JoinedViaEntraGroup = decision.Outcome == EntraAccessOutcome.JoinByGroup,
        });
        if (invitationId is { } id && await work.Db.Invitations.FirstOrDefaultAsync(i => i.Id == id, cancellationToken) is { } invitation)
        {
            invitation.AcceptedAt = now;
            invitation.AcceptedByUserId = user.Id;
        }
        await work.Db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Entra user {EntraUser} of {EntraTenant} joined {Tenant} as {Role}.", identity.ObjectId, identity.EntraTenantId, tenantId, role);
        return new(EntraSignInStatus.SignedIn, user.Id, tenantId);
    }
}
