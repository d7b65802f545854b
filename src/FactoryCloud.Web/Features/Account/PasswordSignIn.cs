using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Web.Features.Audit;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Account;

public enum PasswordCheck
{
    Succeeded,
    Failed,
    TryLater,
}

/// <param name="User">The account, on success only.</param>
/// <param name="RetryAfter">With <see cref="PasswordCheck.TryLater"/>: how long to wait.</param>
public sealed record PasswordCheckResult(PasswordCheck Outcome, AppUser? User = null, TimeSpan RetryAfter = default);

/// <summary>
/// Checks an email address and password for the sign-in form and the token API alike, without telling a stranger
/// which accounts exist: every failure is the same failure (unknown address, wrong password, account without a
/// password, unconfirmed address), and each costs one password hash, so they also take the same time. Repeated
/// failures from one address on one account wait progressively longer (<see cref="SignInDelays"/>) instead of
/// locking the account, which would let anyone lock anyone out.
/// </summary>
public sealed class PasswordSignIn(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, UnknownAccountHashing unknownAccounts, SignInDelays delays,
    ClientAddress client, SignInAudit audit)
{
    /// <summary>The one message for every failure.</summary>
    public const string FailureMessage = "The email address or password is not correct, or the address is not confirmed yet.";

    /// <param name="method">How the sign-in was made, for the audit trail.</param>
    public async Task<PasswordCheckResult> CheckAsync(string email, string password, string method, CancellationToken ct = default)
    {
        email = email.Trim();
        if (delays.Remaining(client.Value, email) is var wait && wait > TimeSpan.Zero)
            return new(PasswordCheck.TryLater, RetryAfter: wait);

        var user = await users.FindByEmailAsync(email);
        string? reason = null;
        if (user is null || !await users.HasPasswordAsync(user))
        {
            unknownAccounts.Spend(password);
            reason = "No password for this account";
        }
        else if (!await users.CheckPasswordAsync(user, password))
            reason = "Wrong password";
        else if (!await signIn.CanSignInAsync(user))
            reason = "Email address not confirmed";

        if (reason is null)
        {
            delays.Succeeded(client.Value, email);
            return new(PasswordCheck.Succeeded, user);
        }
        delays.Failed(client.Value, email);
        await audit.FailedAsync(user, email, reason, method, ct);
        return new(PasswordCheck.Failed);
    }
}
