namespace FactoryCloud.Domain.Accounts;

/// <summary>
/// The most common (breached) passwords. A password counts as common when, ignoring case, it is on the list, is a
/// listed password with digits or symbols only added before or after it ("dragon2024!"), or is a listed password
/// repeated ("monkeymonkeymonkey"): the variations a guessing attack tries first.
/// </summary>
public sealed class CommonPasswords
{
    /// <summary>Listed passwords shorter than this are not looked for inside a longer one ("123" in "123horse...").</summary>
    private const int MinimumCoreLength = 4;

    private readonly HashSet<string> _passwords;

    public CommonPasswords(IEnumerable<string> passwords) =>
        _passwords = new HashSet<string>(passwords.Select(p => p.Trim()).Where(p => p.Length > 0), StringComparer.OrdinalIgnoreCase);

    public int Count => _passwords.Count;

    public bool IsCommon(string password)
    {
        if (string.IsNullOrEmpty(password)) return false;
        if (_passwords.Contains(password)) return true;
        var core = password.AsSpan().Trim(Decoration).ToString();
        if (core.Length >= MinimumCoreLength && _passwords.Contains(core)) return true;
        return RepeatedUnit(core) is { Length: >= MinimumCoreLength } unit && _passwords.Contains(unit);
    }

    private static ReadOnlySpan<char> Decoration => "0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ";

    /// <summary>The shortest string that <paramref name="text"/> is two or more copies of, else null.</summary>
    private static string? RepeatedUnit(string text)
    {
        for (var length = 1; length <= text.Length / 2; length++)
        {
            if (text.Length % length != 0) continue;
            var unit = text.AsSpan(0, length);
            var repeated = true;
            for (var at = length; at < text.Length && repeated; at += length)
                repeated = text.AsSpan(at, length).Equals(unit, StringComparison.OrdinalIgnoreCase);
            if (repeated) return unit.ToString();
        }
        return null;
    }
}
