using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Web.Features.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Account;

public sealed record SignUpAccepted(string Message);

/// <summary>
/// Sign-up that does not tell whether an address already has an account: the form's fields (password rules
/// included) are checked first, alike for every address; then a new address gets its organisation, account and a
/// confirmation email, and a taken one gets an email to its owner instead, after the same password-hash work. Both
/// answer "check your email". Nobody is signed in by sign-up.
/// </summary>
public sealed class SelfServiceSignUp(SignUpService signUps, UserManager<AppUser> users, AccountEmails emails, UnknownAccountHashing unknownAccounts)
{
    public const string CheckYourEmail =
        "Check your email: we sent a message to the address you gave. Follow its link to confirm the address, then sign in.";

    public async Task<OperationResult> SignUpAsync(SignUpRequest request, CancellationToken ct = default)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;

        if (await users.FindByEmailAsync(request.Email.Trim()) is { } existing)
        {
            unknownAccounts.Spend(request.Password); // what creating the account would have cost
            emails.SendAlreadyRegistered(existing.Email!);
            return OperationResult.Success;
        }

        var created = await signUps.SignUpAsync(request, cancellationToken: ct);
        if (created.Failure is { Kind: FailureKind.Conflict })
        {
            // Someone signed up with the same address a moment ago: as for any taken address.
            emails.SendAlreadyRegistered(request.Email.Trim());
            return OperationResult.Success;
        }
        if (created.Failure is { } failure) return failure;

        var user = await users.FindByIdAsync(created.Value!.UserId.ToString());
        await emails.SendConfirmationAsync(user!);
        return OperationResult.Success;
    }
}
