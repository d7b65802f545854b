using System.Text;
using FactoryCloud.Infrastructure.Email;
using FactoryCloud.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Account;

/// <summary>
/// The emails of an account's life: confirm your address, reset your password, "you already have an account". Links
/// start with <c>App:PublicBaseUrl</c>, never with the request's Host. Sent in the background (<see cref="EmailQueue"/>).
/// </summary>
public sealed class AccountEmails(UserManager<AppUser> users, EmailQueue queue, IOptions<PublicAddress> publicAddress, IOptions<AccountOptions> options)
{
    public async Task SendConfirmationAsync(AppUser user)
    {
        var token = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = publicAddress.Value.Link($"/account/confirm-email?user={user.Id}&token={token}");
        queue.Enqueue(user.Email!, "Confirm your email address for FactoryCloud",
            $"""
            Welcome to FactoryCloud.

            Confirm that this is your email address by opening this link within {Describe(options.Value.EmailConfirmationLifetime)}:
            {link}

            If you did not sign up, ignore this email: nothing happens without the confirmation.
            """);
    }

    public async Task SendPasswordResetAsync(AppUser user)
    {
        var token = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = publicAddress.Value.Link($"/account/reset-password?user={user.Id}&token={token}");
        queue.Enqueue(user.Email!, "Reset your FactoryCloud password",
            $"""
            Someone (we hope you) asked to reset the password of your FactoryCloud account.

            Choose a new password within {Describe(options.Value.PasswordResetLifetime)} by opening this link (it works once):
            {link}

            If you did not ask, ignore this email: your password stays as it is.
            """);
    }

    public void SendAlreadyRegistered(string email)
    {
        queue.Enqueue(email, "You already have a FactoryCloud account",
            $"""
            Someone (we hope you) tried to create a FactoryCloud organisation with this email address, which already has an account.

            Sign in: {publicAddress.Value.Link("/account/login")}
            Forgot your password? {publicAddress.Value.Link("/account/forgot-password")}

            If this was not you, you need not do anything: no organisation was created.
            """);
    }

    /// <summary>Identity's tokens contain + / =: made URL-safe for links (and decoded with <see cref="Decode"/>).</summary>
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? token)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Describe(TimeSpan lifetime) =>
        lifetime >= TimeSpan.FromDays(1) ? $"{lifetime.TotalDays:0.#} days"
        : lifetime >= TimeSpan.FromHours(1) ? $"{lifetime.TotalHours:0.#} hours"
        : $"{Math.Max(1, lifetime.TotalMinutes):0} minutes";
}
