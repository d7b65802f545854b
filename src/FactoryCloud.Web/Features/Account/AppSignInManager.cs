using FactoryCloud.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Account;

/// <summary>
/// Identity's sign-in manager, with one public entry to its own two-factor flow: after <see cref="PasswordSignIn"/> has
/// checked the password (its way, without enumeration or lockout), <see cref="SignInOrStartTwoFactorAsync"/> either signs
/// in or, for an account with two-factor sign-in, keeps the account in Identity's short-lived two-factor cookie
/// (<see cref="IdentityConstants.TwoFactorUserIdScheme"/>) for <see cref="SignInManager{TUser}.TwoFactorAuthenticatorSignInAsync"/>
/// and <see cref="SignInManager{TUser}.TwoFactorRecoveryCodeSignInAsync"/>.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public Task<SignInResult> SignInOrStartTwoFactorAsync(AppUser user) => SignInOrTwoFactorAsync(user, isPersistent: false);
}
