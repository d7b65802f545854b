using FactoryCloud.Domain.Accounts;
using FactoryCloud.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Account;

public enum PasswordCheck
{
    Succeeded,
    Failed,
    TryLater,

    /// <summary>The password is right and the account uses two-factor sign-in: a code must follow before anyone is signed in.</summary>
    CodeRequired,
}

/// <param name="User">The account, on success or <see cref="PasswordCheck.CodeRequired"/> only.</param>
/// <param name="RetryAfter">With <see cref="PasswordCheck.TryLater"/>: how long to wait.</param>
public sealed record PasswordCheckResult(PasswordCheck Outcome, AppUser? User = null, TimeSpan RetryAfter = default);

/// <summary>
/// Checks an email address and password for the sign-in form and the token API alike, without telling a stranger
/// which accounts exist: every failure is the same failure (unknown address, wrong password, account without a
/// password, unconfirmed address), and each costs one password hash, so they also take the same time. Repeated
/// failures from one address on one account wait progressively longer (<see cref="SignInDelays"/>) instead of
/// locking the account, which would let anyone lock anyone out. For an account with two-factor sign-in the right
/// password alone does not reset that count: wrong codes count as failures on the same address and account, and only
/// the right code ends the count (so knowing the password does not buy unlimited code guesses).
/// </summary>
public sealed class PasswordSignIn(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, UnknownAccountHashing unknownAccounts, SignInDelays delays,
    ClientAddress client, SignInAudit audit)
{
    /// <summary>The one message for every failure.</summary>
    public const string FailureMessage = "The email address or password is not correct, or the address is not confirmed yet.";

    /// <summary>The message for a wrong, used or malformed two-factor code.</summary>
    public const string CodeFailureMessage = "The code is not correct. Enter the current code from your authenticator app, or an unused recovery code.";

    /// <param name="method">How the sign-in was made, for the audit trail.</param>
    public async Task<PasswordCheckResult> CheckAsync(string email, string password, string method, CancellationToken ct = default)
    {
        email = email.Trim();
        if (await delays.RemainingAsync(client.Value, email, ct) is var wait && wait > TimeSpan.Zero)
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
            if (await users.GetTwoFactorEnabledAsync(user!)) return new(PasswordCheck.CodeRequired, user);
            await delays.SucceededAsync(client.Value, email, ct);
            return new(PasswordCheck.Succeeded, user);
        }
        await delays.FailedAsync(client.Value, email, ct);
        await audit.FailedAsync(user, email, reason, method, ct);
        return new(PasswordCheck.Failed);
    }

    /// <summary>How long this address must still wait before a code for <paramref name="user"/> is checked.</summary>
    public Task<TimeSpan> CodeWaitAsync(AppUser user, CancellationToken ct = default) => delays.RemainingAsync(client.Value, user.Email ?? user.Id.ToString(), ct);

    /// <summary>
    /// Checks a second factor for the token API (the password was already right): an authenticator code
    /// (<see cref="UserManager{TUser}.VerifyTwoFactorTokenAsync"/>) or a recovery code, which is used up
    /// (<see cref="UserManager{TUser}.RedeemTwoFactorRecoveryCodeAsync"/>).
    /// </summary>
    public async Task<PasswordCheckResult> CheckCodeAsync(AppUser user, string? code, string method, CancellationToken ct = default)
    {
        if (await CodeWaitAsync(user, ct) is var wait && wait > TimeSpan.Zero) return new(PasswordCheck.TryLater, RetryAfter: wait);
        var (kind, normalised) = TwoFactorCodes.Read(code);
        var right = kind switch
        {
            TwoFactorCodeKind.Authenticator => await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalised),
            TwoFactorCodeKind.Recovery => (await users.RedeemTwoFactorRecoveryCodeAsync(user, normalised)).Succeeded,
            _ => false,
        };
        return await CodeCheckedAsync(user, right, method, ct);
    }

    /// <summary>Counts a checked code: the right one ends the failure count, a wrong one adds to it and is audited.</summary>
    public async Task<PasswordCheckResult> CodeCheckedAsync(AppUser user, bool right, string method, CancellationToken ct = default)
    {
        var account = user.Email ?? user.Id.ToString();
        if (right)
        {
            await delays.SucceededAsync(client.Value, account, ct);
            return new(PasswordCheck.Succeeded, user);
        }
        await delays.FailedAsync(client.Value, account, ct);
        await audit.FailedAsync(user, account, "Wrong two-factor code", method, ct);
        return new(PasswordCheck.Failed);
    }
}
