using FactoryCloud.Infrastructure.Identity;

namespace FactoryCloud.Web.Features.Audit;

/// <summary>
/// Records changes to an account's own sign-in security (two-factor on or off, new recovery codes, a changed or reset
/// password). An account is not owned by one organisation, so the entry goes to every organisation the account is a
/// member of: each of their Owners sees what happened to their member's credentials, as with failed sign-ins.
/// </summary>
public sealed class AccountAudit(AuditLog log, MembershipDirectory directory)
{
    public async Task RecordAsync(AppUser user, AuditAction action, string details, CancellationToken ct = default)
    {
        var tenants = (await directory.ListForUserAsync(user.Id, ct)).Select(m => m.TenantId);
        await log.WriteForAsync(tenants, action, user.Id, user.Email, Target(user.Email), details, ct);
    }

    /// <summary>How an account is named as the target of an entry.</summary>
    public static string Target(string? email) => $"Account {email ?? "(no address)"}";
}
