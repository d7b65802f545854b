namespace FactoryCloud.Domain.Backlogs;

/// <summary>
/// Sortable string ranks (fractional indexing, LexoRank-like) over base 36 digits <c>0-9a-z</c>, compared ordinally.
/// A key is a fraction 0.k₁k₂…; there is always a key strictly between two keys, so a reorder writes only the
/// moved row. Keys never end in '0' (that keeps room below every key). Keys grow by about one digit per 5
/// insertions at the same spot (appends and prepends step instead, see <c>Step</c>); past <see cref="RebalanceLength"/> the product's ranks are rewritten evenly.
/// </summary>
public static class Rank
{
    public const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
    public const int RebalanceLength = 24;
    public const int MaxLength = 64;

    private const int Base = 36;
    private const int StepDigits = 3;

    /// <summary>A key strictly between <paramref name="lower"/> and <paramref name="upper"/>; null means the open end.</summary>
    public static string Between(string? lower, string? upper)
    {
        if (lower is not null) Check(lower);
        if (upper is not null) Check(upper);
        if (lower is not null && upper is not null && string.CompareOrdinal(lower, upper) >= 0)
            throw new ArgumentException($"'{lower}' is not below '{upper}'.", nameof(lower));
        return (lower, upper) switch
        {
            (null, null) => "i",
            (_, null) => Step(lower, up: true),
            (null, _) => Step(upper, up: false),
            _ => Midpoint(lower, upper),
        };
    }

    /// <summary>A key after <paramref name="last"/> (or the first key when the list is empty).</summary>
    public static string After(string? last) => Between(last, null);

    public static string Before(string? first) => Between(null, first);

    public static bool NeedsRebalance(string key) => key.Length > RebalanceLength;

    public static bool IsValid(string key) =>
        key.Length is > 0 and <= MaxLength && key[^1] != '0' && key.All(c => Digits.Contains(c, StringComparison.Ordinal));

    /// <summary><paramref name="count"/> ascending keys of equal length, evenly spread, for a fresh or rebalanced list.</summary>
    public static IReadOnlyList<string> Spread(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var length = 1;
        for (var capacity = Base; capacity <= count * 4L; capacity *= Base) length++;
        var space = (decimal)Math.Pow(Base, length);
        var step = space / (count + 1);
        var keys = new string[count];
        for (var i = 0; i < count; i++)
        {
            var value = (long)Math.Floor(step * (i + 1));
            var chars = new char[length];
            for (var d = length - 1; d >= 0; d--, value /= Base) chars[d] = Digits[(int)(value % Base)];
            keys[i] = new string(chars).TrimEnd('0');
        }
        return keys;
    }

    // Appending (or prepending) halves the room left each time if done by midpoints, growing keys by a digit every
    // few items. Instead step by one unit of the (p+3)-th digit, p being the leading 'z's (or '0's): about 20,000
    // appends per extra digit. Truncating the key there first keeps keys short after a long midpoint key.
    private static string Step(string key, bool up)
    {
        var edge = up ? 'z' : '0';
        var p = 0;
        while (p < key.Length && key[p] == edge) p++;
        var length = p + StepDigits;
        var digits = key.PadRight(length, '0')[..length].Select(c => Digits.IndexOf(c, StringComparison.Ordinal)).ToArray();
        var truncated = key.Length > length;
        if (!up && truncated) return Trim(digits); // the truncated prefix is already below the key
        for (var i = length - 1; i >= 0; i--)
        {
            digits[i] += up ? 1 : -1;
            if (digits[i] is >= 0 and < Base) break;
            digits[i] = up ? 0 : Base - 1;
        }
        return Trim(digits);
    }

    private static string Trim(int[] digits) => new string(digits.Select(d => Digits[d]).ToArray()).TrimEnd('0');

    private static void Check(string key)
    {
        if (!IsValid(key)) throw new ArgumentException($"'{key}' is not a rank key.", nameof(key));
    }

    // a < b as fractions; a may be "" (zero), b null (one). After a common prefix, take a digit halfway between the
    // first differing digits; when they are adjacent, keep a's digit and recurse on the rest of a with no upper end.
    private static string Midpoint(string a, string? b)
    {
        if (b is not null)
        {
            var n = 0;
            while (n < b.Length && (n < a.Length ? a[n] : '0') == b[n]) n++;
            if (n > 0) return b[..n] + Midpoint(n < a.Length ? a[n..] : "", b[n..]);
        }
        var digitA = a.Length > 0 ? Digits.IndexOf(a[0], StringComparison.Ordinal) : 0;
        var digitB = b is not null ? Digits.IndexOf(b[0], StringComparison.Ordinal) : Base;
        if (digitB - digitA > 1) return Digits[(digitA + digitB + 1) / 2].ToString();
        if (b is not null && b.Length > 1) return b[..1];
        return Digits[digitA] + Midpoint(a.Length > 0 ? a[1..] : "", null);
    }
}
