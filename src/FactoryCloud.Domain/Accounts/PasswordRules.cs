namespace FactoryCloud.Domain.Accounts;

/// <summary>
/// What a new password must be (OWASP ASVS 2.1): at least <see cref="MinimumLength"/> characters, at most
/// <see cref="MaximumLength"/> (long passphrases welcome), any characters, no composition rules (no "an upper-case
/// letter and a digit"), and not one of the most common passwords.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    public const string TooShort = "The password must be at least 12 characters long. A few unrelated words make a good one.";
    public const string TooLong = "The password can be at most 128 characters long.";
    public const string Common = "This password is one of the most commonly used (and guessed) passwords. Choose another.";

    /// <summary>What is wrong with <paramref name="password"/>, in words; empty when it may be used.</summary>
    public static IReadOnlyList<PasswordProblem> Check(string? password, CommonPasswords common)
    {
        // Length in Unicode code points (ASVS 2.1.1), so "ñ" written as one character or two counts the same for the user.
        var length = string.IsNullOrEmpty(password) ? 0 : CodePoints(password.Normalize(System.Text.NormalizationForm.FormC));
        if (length < MinimumLength) return [PasswordProblem.TooShort];
        if (length > MaximumLength) return [PasswordProblem.TooLong];
        return common.IsCommon(password!) ? [PasswordProblem.Common] : [];
    }

    public static string Describe(PasswordProblem problem) => problem switch
    {
        PasswordProblem.TooShort => TooShort,
        PasswordProblem.TooLong => TooLong,
        _ => Common,
    };

    internal static int CodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }
}

public enum PasswordProblem
{
    TooShort,
    TooLong,
    Common,
}
