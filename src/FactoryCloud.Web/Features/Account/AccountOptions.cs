using FactoryCloud.Domain.Accounts;
using FactoryCloud.Infrastructure.Configuration;

namespace FactoryCloud.Web.Features.Account;

/// <summary>The <c>Accounts</c> section: confirmation, recovery links and sign-in delays.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>
    /// Sign-in needs a confirmed email address. Unset: on when a mail server is configured (<c>Email:Smtp:Host</c>),
    /// off without one, since then no confirmation could arrive.
    /// </summary>
    public bool? RequireConfirmedEmail { get; set; }

    /// <summary>How long a password-reset link works (it also ends when used or when the password changes).</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an address-confirmation link works.</summary>
    public TimeSpan EmailConfirmationLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Failed sign-ins from one address on one account before delays start.</summary>
    public int FreeFailures { get; set; } = SignInBackoff.Default.FreeFailures;

    /// <summary>The wait after the first failure beyond <see cref="FreeFailures"/>; each further failure doubles it.</summary>
    public TimeSpan FirstDelay { get; set; } = SignInBackoff.Default.FirstDelay;

    /// <summary>The longest delay between two sign-in attempts from one address on one account.</summary>
    public TimeSpan MaxDelay { get; set; } = SignInBackoff.Default.MaxDelay;

    public SignInBackoff Backoff => new(FreeFailures, FirstDelay, MaxDelay);

    public void Validate()
    {
        if (PasswordResetLifetime <= TimeSpan.Zero) throw new InvalidSettingException($"{Section}:PasswordResetLifetime must be positive.");
        if (EmailConfirmationLifetime <= TimeSpan.Zero) throw new InvalidSettingException($"{Section}:EmailConfirmationLifetime must be positive.");
        if (FreeFailures < 0) throw new InvalidSettingException($"{Section}:FreeFailures must be 0 or more.");
        if (FirstDelay <= TimeSpan.Zero) throw new InvalidSettingException($"{Section}:FirstDelay must be positive.");
        if (MaxDelay < FirstDelay) throw new InvalidSettingException($"{Section}:MaxDelay must be at least {Section}:FirstDelay.");
    }
}
