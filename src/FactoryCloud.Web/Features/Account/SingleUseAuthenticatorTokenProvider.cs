using System.Globalization;
using FactoryCloud.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Account;

/// <summary>
/// Identity's authenticator codes, each accepted once (ASVS 2.8.4): Identity alone accepts a code again for as long
/// as its time window lasts (about two and a half minutes), so a code seen over someone's shoulder could be replayed.
/// The last accepted code is kept with the user and refused until its window has passed. Saving it goes through the
/// user's concurrency stamp, so of two sign-ins racing with the same code only one succeeds.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(TimeProvider clock) : AuthenticatorTokenProvider<AppUser>
{
    private const string LoginProvider = "FactoryCloud";
    private const string TokenName = "LastAuthenticatorCode";

    /// <summary>Identity accepts a code from two 30-second steps before to two after: five steps in all.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5 * 30);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var now = clock.GetUtcNow();
        var last = await manager.GetAuthenticationTokenAsync(user, LoginProvider, TokenName);
        if (last?.Split('|') is [var code, var at] && code == token
            && long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && now - DateTimeOffset.FromUnixTimeSeconds(seconds) < Window)
        {
            return false;
        }
        if (!await base.ValidateAsync(purpose, token, manager, user)) return false;
        var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, TokenName,
            string.Create(CultureInfo.InvariantCulture, $"{token}|{now.ToUnixTimeSeconds()}"));
        return saved.Succeeded;
    }
}
