using System.Text;

namespace FactoryCloud.Domain.Accounts;

/// <summary>What a person types as a second factor: a 6-digit code from an authenticator app, or a recovery code.</summary>
public enum TwoFactorCodeKind
{
    Invalid,
    Authenticator,
    Recovery,
}

/// <summary>
/// Reads a typed second factor. Authenticator codes are 6 digits (spaces and hyphens people copy are ignored);
/// recovery codes are ASP.NET Identity's <c>XXXXX-XXXXX</c> (letters and digits, any case, the hyphen optional).
/// Anything else is <see cref="TwoFactorCodeKind.Invalid"/> and counts as a wrong code.
/// </summary>
public static class TwoFactorCodes
{
    public const int AuthenticatorDigits = 6;
    public const int RecoveryCodeCount = 10;
    public const int MaxLength = 64;

    public static (TwoFactorCodeKind Kind, string Code) Read(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > MaxLength) return (TwoFactorCodeKind.Invalid, "");
        var compact = new StringBuilder(typed.Length);
        foreach (var c in typed)
            if (!char.IsWhiteSpace(c) && c != '-') compact.Append(char.ToUpperInvariant(c));
        var code = compact.ToString();
        if (code.Length == AuthenticatorDigits && code.All(char.IsAsciiDigit)) return (TwoFactorCodeKind.Authenticator, code);
        if (code.Length == 10 && code.All(char.IsAsciiLetterOrDigit)) return (TwoFactorCodeKind.Recovery, $"{code[..5]}-{code[5..]}");
        return (TwoFactorCodeKind.Invalid, "");
    }

    /// <summary>The key in groups of four, easier to type into an app by hand.</summary>
    public static string FormatKey(string key)
    {
        var groups = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) groups.Append(' ');
            groups.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return groups.ToString().ToLowerInvariant();
    }

    /// <summary>The <c>otpauth://</c> URI authenticator apps read (Google's Key Uri Format): SHA-1, 6 digits, 30 seconds.</summary>
    public static string AuthenticatorUri(string issuer, string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits={AuthenticatorDigits}";
}
