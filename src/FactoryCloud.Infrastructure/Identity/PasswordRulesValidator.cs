using FactoryCloud.Domain.Accounts;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Infrastructure.Identity;

/// <summary>
/// Applies <see cref="PasswordRules"/> wherever Identity sets a password (sign-up, invitation, change, reset), so no
/// path can skip them. Identity's own composition rules are switched off; its minimum length is the same 12.
/// </summary>
public sealed class PasswordRulesValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var problems = PasswordRules.Check(password, CommonPasswordList.Instance);
        return Task.FromResult(problems.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed([.. problems.Select(p => new IdentityError { Code = "Password" + p, Description = PasswordRules.Describe(p) })]));
    }
}
