using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FactoryCloud.Domain.Tenancy;

/// <summary>URL-safe keys for tenants: lower-case letters, digits and single hyphens, 2 to 48 characters.</summary>
public static partial class Slug
{
    public const int MaxLength = 48;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? slug) =>
        slug is { Length: >= 2 and <= MaxLength } && Pattern().IsMatch(slug);

    /// <summary>Derives a slug from a display name: accents dropped, other characters folded to hyphens.</summary>
    public static string FromName(string name)
    {
        var slug = Common.KebabKey.From(name, MaxLength);
        return slug.Length >= 2 ? slug : "org" + (slug.Length == 0 ? "" : "-" + slug);
    }
}
