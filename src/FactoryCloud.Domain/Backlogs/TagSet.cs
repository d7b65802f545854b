namespace FactoryCloud.Domain.Backlogs;

/// <summary>
/// Tags as one text column, <c>|a|b|</c>: lower-case, trimmed, distinct, sorted. A tag filter is then
/// <c>Tags LIKE '%|a|%'</c> on both providers, without a join table.
/// </summary>
public static class TagSet
{
    public const int MaxTagLength = 40;
    public const int MaxTags = 20;

    public static string Normalize(IEnumerable<string> tags)
    {
        var clean = tags.Select(Clean).Where(t => t.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        return clean.Count == 0 ? "" : "|" + string.Join('|', clean) + "|";
    }

    public static IReadOnlyList<string> Parse(string stored) =>
        stored.Split('|', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The LIKE-free containment token for one tag: <c>|tag|</c>.</summary>
    public static string Token(string tag) => "|" + Clean(tag) + "|";

    public static string? Problem(IEnumerable<string> tags)
    {
        var list = tags.Select(Clean).Where(t => t.Length > 0).Distinct().ToList();
        if (list.Count > MaxTags) return $"At most {MaxTags} tags.";
        return list.FirstOrDefault(t => t.Length > MaxTagLength) is { } tooLong ? $"The tag '{tooLong[..10]}…' is longer than {MaxTagLength} characters." : null;
    }

    private static string Clean(string tag) => tag.Replace("|", "", StringComparison.Ordinal).Trim().ToLowerInvariant();
}
