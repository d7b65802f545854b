using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Tenancy;

internal static class IdentityErrors
{
    /// <summary>Turns Identity's errors into a failure naming the form field at fault.</summary>
    /// <param name="passwordField">The field that Identity's password errors belong to.</param>
    public static Failure ToFailure(this IdentityResult result, string passwordField = "Password")
    {
        if (result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
            return Failure.Conflict("An account with this email address already exists. Sign in instead.");
        var errors = result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField : e.Code.Contains("Email", StringComparison.Ordinal) ? "Email" : "")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
        return new Failure(FailureKind.Validation, string.Join(" ", result.Errors.Select(e => e.Description)), errors);
    }
}
