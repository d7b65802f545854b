using System.Globalization;
using System.Text;

namespace FactoryCloud.Domain.Common;

/// <summary>A name as lower-case ASCII words joined by '-': accents dropped, anything else a separator (organisation slugs, asset keys).</summary>
public static class KebabKey
{
    public static string From(string name, int maxLength)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9') builder.Append(lower);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var key = builder.ToString().Trim('-');
        return key.Length > maxLength ? key[..maxLength].TrimEnd('-') : key;
    }
}
