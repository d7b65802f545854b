using System.ComponentModel.DataAnnotations;
using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Web.Features.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Account;

public sealed class ForgotPasswordRequest
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256)]
    public string Email { get; set; } = "";
}

public sealed class ResetPasswordRequest
{
    [Required(ErrorMessage = "The link is incomplete.")]
    public string UserId { get; set; } = "";

    [Required(ErrorMessage = "The link is incomplete.")]
    public string Token { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [NewPassword]
    public string Password { get; set; } = "";
}

public sealed class ConfirmEmailRequest
{
    [Required(ErrorMessage = "The link is incomplete.")]
    public string UserId { get; set; } = "";

    [Required(ErrorMessage = "The link is incomplete.")]
    public string Token { get; set; } = "";
}

public sealed class ChangePasswordRequest
{
    [Required(ErrorMessage = "Enter your current password.")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Choose a new password.")]
    [NewPassword]
    public string NewPassword { get; set; } = "";
}

/// <summary>
/// Password reset and address confirmation by emailed link, and password change. Links work once (the account's
/// security stamp changes when they are used, and Identity's tokens carry the stamp) and expire
/// (<see cref="AccountOptions"/>). Asking for a reset answers alike for every address.
/// </summary>
public sealed class AccountRecovery(UserManager<AppUser> users, AccountEmails emails, AccountAudit audit)
{
    public const string LinkInvalid = "This link is not valid any more: it was used already, has expired, or is incomplete. Ask for a new one.";
    public const string CheckYourEmail = "If an account has this address, we sent it an email with a link to choose a new password.";

    public async Task<OperationResult> ForgotPasswordAsync(ForgotPasswordRequest request)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        // Accounts that sign in only with Microsoft Entra ID have no password to reset.
        if (await users.FindByEmailAsync(request.Email.Trim()) is { } user && await users.HasPasswordAsync(user))
            await emails.SendPasswordResetAsync(user);
        return OperationResult.Success;
    }

    public async Task<OperationResult> ResetPasswordAsync(ResetPasswordRequest request)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        if (await FindAsync(request.UserId) is not { } user || AccountEmails.Decode(request.Token) is not { } token)
            return Failure.Invalid(nameof(request.Token), LinkInvalid);
        var reset = await users.ResetPasswordAsync(user, token, request.Password);
        if (!reset.Succeeded)
            return reset.Errors.Any(e => e.Code == "InvalidToken") ? Failure.Invalid(nameof(request.Token), LinkInvalid) : reset.ToFailure();
        if (!user.EmailConfirmed)
        {
            // The link arrived at the address: that confirms it as well as a confirmation link would.
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }
        await audit.RecordAsync(user, AuditAction.PasswordReset, "Password reset with an emailed link");
        return OperationResult.Success;
    }

    public async Task<OperationResult> ConfirmEmailAsync(ConfirmEmailRequest request)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        if (await FindAsync(request.UserId) is not { } user || AccountEmails.Decode(request.Token) is not { } token)
            return Failure.Invalid(nameof(request.Token), LinkInvalid);
        var confirmed = await users.ConfirmEmailAsync(user, token);
        if (!confirmed.Succeeded) return Failure.Invalid(nameof(request.Token), LinkInvalid);
        await users.UpdateSecurityStampAsync(user); // the link works once
        return OperationResult.Success;
    }

    public async Task<OperationResult> ChangePasswordAsync(AppUser user, ChangePasswordRequest request)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        var changed = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (changed.Succeeded)
        {
            await audit.RecordAsync(user, AuditAction.PasswordChanged, "Password changed");
            return OperationResult.Success;
        }
        return changed.Errors.Any(e => e.Code == "PasswordMismatch")
            ? Failure.Invalid(nameof(request.CurrentPassword), "Your current password is not correct.")
            : changed.ToFailure("NewPassword");
    }

    private async Task<AppUser?> FindAsync(string userId) =>
        Guid.TryParse(userId, out var id) ? await users.FindByIdAsync(id.ToString()) : null;
}
