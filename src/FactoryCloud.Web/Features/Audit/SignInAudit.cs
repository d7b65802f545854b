using FactoryCloud.Infrastructure.Identity;

namespace FactoryCloud.Web.Features.Audit;

/// <summary>
/// Records sign-ins in the audit trail. Nobody is signed in yet, so the tenant comes from the account: a success is
/// recorded in the organisation the sign-in activates; a failure in every organisation the tried account belongs to,
/// so each of their Owners sees attempts on their member's account. An address that matches no account belongs to no
/// organisation and is recorded nowhere (recording it in some tenant would tell that tenant about strangers).
/// </summary>
public sealed class SignInAudit(AuditLog log, MembershipDirectory directory)
{
    public const string Password = "password";
    public const string ApiToken = "password, API token";
    public const string PasswordAndCode = "password and authenticator code";
    public const string PasswordAndRecoveryCode = "password and recovery code";
    public const string Entra = "Microsoft Entra ID";

    /// <summary>Signing up or accepting an invitation with a new account signs the new account in.</summary>
    public const string NewAccount = "a new account's password";

    /// <param name="tenantId">The organisation the sign-in activates; null for the account's first.</param>
    public async Task SucceededAsync(AppUser user, Guid? tenantId, string method, CancellationToken ct = default)
    {
        var tenant = tenantId ?? (await directory.ResolveAsync(user.Id, null, ct))?.TenantId;
        if (tenant is { } id)
            await log.WriteForAsync([id], AuditAction.SignInSucceeded, user.Id, user.Email, AccountAudit.Target(user.Email), $"Signed in with {method}", ct);
    }

    /// <param name="user">The account the address belongs to; null when none does (then nothing is recorded).</param>
    public async Task FailedAsync(AppUser? user, string enteredEmail, string reason, string method, CancellationToken ct = default)
    {
        if (user is null) return;
        var tenants = (await directory.ListForUserAsync(user.Id, ct)).Select(m => m.TenantId);
        await log.WriteForAsync(tenants, AuditAction.SignInFailed, null, enteredEmail, AccountAudit.Target(user.Email), $"{reason} ({method})", ct);
    }

    /// <summary>An Entra user of a linked organisation's Entra tenant was refused (not invited, not in the group, ...).</summary>
    public Task EntraRefusedAsync(Guid tenantId, Guid? userId, string? email, string reason, CancellationToken ct = default) =>
        log.WriteForAsync([tenantId], AuditAction.SignInFailed, userId, email, AccountAudit.Target(email), $"{reason} ({Entra})", ct);
}
