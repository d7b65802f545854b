using System.Text;

namespace FactoryCloud.Domain.Accounts;

/// <summary>How hard a password is to guess, as a form shows it while it is typed.</summary>
/// <param name="Score">0 (very weak) to 4 (very strong).</param>
public sealed record PasswordStrength(int Score, string Label, string Hint)
{
    public const int MaxScore = 4;

    private static readonly string[] Labels = ["Very weak", "Weak", "Fair", "Strong", "Very strong"];

    /// <summary>
    /// A rough estimate in the spirit of zxcvbn, small enough to read: bits of guessing work from the characters
    /// used, counting a character that repeats or continues a run of its neighbour ("aaaa", "1234", "abcd") as
    /// almost free; a common password or one under the minimum length is never better than weak.
    /// </summary>
    public static PasswordStrength Estimate(string? password, CommonPasswords common)
    {
        if (string.IsNullOrEmpty(password)) return new(0, Labels[0], $"Use at least {PasswordRules.MinimumLength} characters.");
        if (common.IsCommon(password)) return new(0, Labels[0], "This is one of the most common passwords.");

        var bits = Bits(password);
        var score = bits switch { < 28 => 0, < 40 => 1, < 60 => 2, < 80 => 3, _ => 4 };
        if (PasswordRules.CodePoints(password) < PasswordRules.MinimumLength)
            return new(Math.Min(score, 1), Labels[Math.Min(score, 1)], $"Use at least {PasswordRules.MinimumLength} characters.");
        var hint = score switch
        {
            <= 1 => "Avoid repeated characters and runs such as 1234 or abcd; add another word.",
            2 => "Good. Another unrelated word makes it stronger.",
            _ => "",
        };
        return new(score, Labels[score], hint);
    }

    /// <summary>log2 of the guesses a brute-force attack over the character classes used would need.</summary>
    internal static double Bits(string password)
    {
        var runes = password.EnumerateRunes().ToArray();
        int pool = 0;
        if (runes.Any(r => r.Value is >= 'a' and <= 'z')) pool += 26;
        if (runes.Any(r => r.Value is >= 'A' and <= 'Z')) pool += 26;
        if (runes.Any(r => r.Value is >= '0' and <= '9')) pool += 10;
        if (runes.Any(r => r.Value < 128 && !Rune.IsLetterOrDigit(r))) pool += 33;
        if (runes.Any(r => r.Value >= 128)) pool += 100;

        var bitsPerCharacter = Math.Log2(pool);
        var bits = 0.0;
        for (var i = 0; i < runes.Length; i++)
        {
            var predictable = i > 0 && Math.Abs(runes[i].Value - runes[i - 1].Value) <= 1;
            bits += predictable ? 1 : bitsPerCharacter;
        }
        return bits;
    }
}
