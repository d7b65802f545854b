using System.ComponentModel.DataAnnotations;
using FactoryCloud.Domain.Accounts;
using FactoryCloud.Infrastructure.Identity;

namespace FactoryCloud.Web.Features.Account;

/// <summary>
/// A new password as <see cref="PasswordRules"/> want it, checked with the form's other fields (inline in the UI,
/// 400 naming the field in the API) and before anything looks at whether the email address has an account.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NewPasswordAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var problems = PasswordRules.Check(value as string, CommonPasswordList.Instance);
        return problems.Count == 0
            ? ValidationResult.Success
            : new ValidationResult(PasswordRules.Describe(problems[0]), validationContext.MemberName is { } member ? [member] : null);
    }
}
