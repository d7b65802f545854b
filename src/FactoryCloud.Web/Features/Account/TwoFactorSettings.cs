using FactoryCloud.Domain.Accounts;
using FactoryCloud.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Account;

/// <summary>What the two-factor page shows: whether it is on, the key to enter in an app while it is off, codes left.</summary>
public sealed record TwoFactorState(bool Enabled, string? Key, string? AuthenticatorUri, int RecoveryCodesLeft);

/// <summary>
/// A user's own two-factor sign-in, with ASP.NET Identity's pieces: the authenticator key (<see cref="UserManager{TUser}.GetAuthenticatorKeyAsync"/>,
/// made on first visit), confirming with a code (<see cref="UserManager{TUser}.VerifyTwoFactorTokenAsync"/>) before it is
/// switched on, <see cref="TwoFactorCodes.RecoveryCodeCount"/> recovery codes (<see cref="UserManager{TUser}.GenerateNewTwoFactorRecoveryCodesAsync"/>,
/// shown once; Identity keeps them in its user-token table), switching off with a code, and new codes. Switching on or off changes the
/// security stamp, which ends the account's other sessions and tokens. Each change is written to the audit trail.
/// </summary>
public sealed class TwoFactorSettings(UserManager<AppUser> users, IUserStore<AppUser> store, AccountAudit audit)
{
    public const string Issuer = "FactoryCloud";

    public async Task<TwoFactorState> GetAsync(AppUser user)
    {
        if (await users.GetTwoFactorEnabledAsync(user))
            return new TwoFactorState(true, null, null, await users.CountRecoveryCodesAsync(user));
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Not ResetAuthenticatorKeyAsync: that also renews the security stamp, which would end this very session
            // (the stamp is checked on every request) before the person could confirm the key.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
            await users.UpdateAsync(user);
        }
        return new TwoFactorState(false, key, TwoFactorCodes.AuthenticatorUri(Issuer, user.Email ?? user.UserName ?? "", key!), 0);
    }

    /// <summary>Switches two-factor sign-in on once <paramref name="code"/> proves the app has the key; returns the recovery codes, or null.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(AppUser user, string? code)
    {
        var (kind, normalised) = TwoFactorCodes.Read(code);
        if (kind != TwoFactorCodeKind.Authenticator
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalised))
            return null;
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await GenerateRecoveryCodesAsync(user);
        await audit.RecordAsync(user, AuditAction.TwoFactorEnabled, "Two-factor sign-in switched on with an authenticator app");
        return codes;
    }

    /// <summary>Switches it off after a current code or an unused recovery code; the key is replaced so an old app no longer matches.</summary>
    public async Task<bool> DisableAsync(AppUser user, string? code)
    {
        var (kind, normalised) = TwoFactorCodes.Read(code);
        var right = kind switch
        {
            TwoFactorCodeKind.Authenticator => await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalised),
            TwoFactorCodeKind.Recovery => (await users.RedeemTwoFactorRecoveryCodeAsync(user, normalised)).Succeeded,
            _ => false,
        };
        if (!right) return false;
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.ReplaceCodesAsync(user);
        await audit.RecordAsync(user, AuditAction.TwoFactorDisabled,
            kind == TwoFactorCodeKind.Recovery ? "Two-factor sign-in switched off with a recovery code" : "Two-factor sign-in switched off");
        return true;
    }

    /// <summary>New recovery codes; the old ones stop working.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(AppUser user)
    {
        var codes = await GenerateRecoveryCodesAsync(user);
        await audit.RecordAsync(user, AuditAction.RecoveryCodesRenewed, "New recovery codes made; the old ones no longer work");
        return codes;
    }

    private async Task<IReadOnlyList<string>> GenerateRecoveryCodesAsync(AppUser user) =>
        [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorCodes.RecoveryCodeCount) ?? []];
}

internal static class RecoveryCodeStoreExtensions
{
    /// <summary>Empties the stored recovery codes (Identity has no call for it other than generating zero new ones).</summary>
    public static Task ReplaceCodesAsync(this UserManager<AppUser> users, AppUser user) => users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
}
