using FactoryCloud.Infrastructure.Email;
using FactoryCloud.Infrastructure.Identity;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Tenancy;

/// <summary>Invites people into the current tenant by email, and lets them accept with an existing or a new account.</summary>
public sealed class InvitationService(
    IDbContextFactory<AppDbContext> contexts,
    AppDbContextFactory scopedContexts,
    CurrentTenant current,
    IServiceScopeFactory scopes,
    IEmailSender email,
    IOptions<PublicAddress> publicAddress,
    AuditLog audit,
    TimeProvider clock,
    Lifecycle.QuotaGuard quotas)
{
    public async Task<OperationResult<CreatedInvitation>> CreateAsync(InvitationRequest request, CancellationToken cancellationToken = default)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        if (current.Role is not { } actor || !actor.CanGrant(request.Role))
            return Failure.Forbidden(ForbiddenMessage(request.Role));

        var address = request.Email.Trim();
        var normalized = address.ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alreadyMember = await db.Memberships
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.NormalizedEmail)
            .AnyAsync(e => e == normalized, cancellationToken);
        if (alreadyMember) return Failure.Conflict($"{address} is already a member.");

        var now = clock.GetUtcNow();
        var stale = await db.Invitations.Where(i => i.Email.ToUpper() == normalized && i.AcceptedAt == null && i.RevokedAt == null).ToListAsync(cancellationToken);
        // An open invitation holds a seat (members quota); a new one for the same address replaces it.
        var replaces = stale.Any(i => i.IsOpenAt(now));
        if (await quotas.CheckAsync(db, Domain.Lifecycle.Quota.Members, replaces ? 0 : 1, cancellationToken) is { } overQuota) return overQuota;
        foreach (var invitation0 in stale) invitation0.RevokedAt = now;

        var token = InvitationToken.Create(current.RequireTenantId());
        var invitation = new Invitation
        {
            Email = address, Role = request.Role, TokenHash = InvitationToken.Hash(token),
            InvitedByUserId = current.UserId!.Value, CreatedAt = now, ExpiresAt = now + Invitation.Lifetime,
        };
        db.Invitations.Add(invitation);
        await audit.AddAsync(db, AuditAction.MemberInvited, $"Invitation for {address}", $"As {request.Role}", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var link = publicAddress.Value.Link($"/invitations/{token}");
        await email.SendAsync(address, $"You are invited to {current.TenantName} on FactoryCloud",
            $"You have been invited to join {current.TenantName} as {request.Role}.\nAccept within 7 days: {link}", cancellationToken);
        return new CreatedInvitation(ToView(invitation), link);

        static string ForbiddenMessage(TenantRole role) => role == TenantRole.Owner
            ? "Only an Owner can invite another Owner."
            : "Only Owners and Admins can invite people.";
    }

    public async Task<IReadOnlyList<InvitationView>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.Invitations.Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt).ToListAsync(cancellationToken);
        return open.Select(ToView).ToList();
    }

    public async Task<OperationResult> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (current.Role?.CanManageMembers() != true) return Failure.Forbidden("Only Owners and Admins can revoke invitations.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (invitation is null) return Failure.NotFound("The invitation");
        if (invitation.RevokedAt is null)
        {
            invitation.RevokedAt = clock.GetUtcNow();
            await audit.AddAsync(db, AuditAction.InvitationRevoked, $"Invitation for {invitation.Email}", $"As {invitation.Role}", cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Success;
    }

    /// <summary>Reads an invitation by its token, within the tenant the token names and nowhere else.</summary>
    public async Task<InvitationDetails?> FindAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!InvitationToken.TryReadTenant(token, out var tenantId)) return null;
        await using var db = scopedContexts.Create(DataScope.ForTenant(tenantId));
        var hash = InvitationToken.Hash(token);
        var found = await db.Invitations.Where(i => i.TokenHash == hash)
            .Join(db.Tenants, i => i.TenantId, t => t.Id, (i, t) => new { i, t.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null) return null;
        return new InvitationDetails(tenantId, found.Name, found.i.Email, found.i.Role, StatusOf(found.i));
    }

    /// <summary>Accepts with the signed-in account; its email must be the invited one.</summary>
    public async Task<OperationResult<Guid>> AcceptAsync(string token, Guid userId, string userEmail, CancellationToken cancellationToken = default)
    {
        if (!InvitationToken.TryReadTenant(token, out var tenantId)) return Failure.NotFound("The invitation");
        await using var db = scopedContexts.Create(DataScope.ForTenant(tenantId, userId));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await AcceptInAsync(db, token, userId, userEmail, cancellationToken);
        if (result.Succeeded) await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Creates an account for the invited email and accepts, in one transaction.</summary>
    public async Task<OperationResult<Guid>> AcceptWithNewAccountAsync(string token, NewAccountRequest request, CancellationToken cancellationToken = default)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        var details = await FindAsync(token, cancellationToken);
        if (details is null) return Failure.NotFound("The invitation");

        // The invitation's link reached this address: it is confirmed.
        var user = new AppUser { UserName = details.Email, Email = details.Email, DisplayName = request.Name?.Trim(), CreatedAt = clock.GetUtcNow(), EmailConfirmed = true };
        await using var work = new TenantUnitOfWork(scopes, details.TenantId, user.Id);
        await using var transaction = await work.Db.Database.BeginTransactionAsync(cancellationToken);
        var created = await work.Users.CreateAsync(user, request.Password);
        if (!created.Succeeded) return created.ToFailure();
        var result = await AcceptInAsync(work.Db, token, user.Id, details.Email, cancellationToken);
        if (result.Succeeded) await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<OperationResult<Guid>> AcceptInAsync(AppDbContext db, string token, Guid userId, string userEmail, CancellationToken cancellationToken)
    {
        var hash = InvitationToken.Hash(token);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null) return Failure.NotFound("The invitation");
        var now = clock.GetUtcNow();
        if (!invitation.IsOpenAt(now))
            return Failure.Conflict(StatusOf(invitation) switch
            {
                InvitationStatus.Accepted => "This invitation has already been accepted.",
                InvitationStatus.Revoked => "This invitation was withdrawn. Ask for a new one.",
                _ => "This invitation has expired. Ask for a new one.",
            });
        if (!string.Equals(invitation.Email, userEmail, StringComparison.OrdinalIgnoreCase))
            return Failure.Forbidden($"This invitation is for {invitation.Email}. Sign in with that address to accept it.");
        if (await db.Memberships.AnyAsync(m => m.UserId == userId && m.TenantId == invitation.TenantId, cancellationToken))
            return Failure.Conflict("You are already a member of this organisation.");

        db.Memberships.Add(new Membership { TenantId = invitation.TenantId, UserId = userId, Role = invitation.Role, JoinedAt = now });
        invitation.AcceptedAt = now;
        invitation.AcceptedByUserId = userId;
        await db.SaveChangesAsync(cancellationToken);
        return invitation.TenantId;
    }

    private InvitationStatus StatusOf(Invitation invitation) =>
        invitation.AcceptedAt is not null ? InvitationStatus.Accepted
        : invitation.RevokedAt is not null ? InvitationStatus.Revoked
        : invitation.ExpiresAt <= clock.GetUtcNow() ? InvitationStatus.Expired
        : InvitationStatus.Open;

    private static InvitationView ToView(Invitation i) => new(i.Id, i.Email, i.Role, i.CreatedAt, i.ExpiresAt);
}
