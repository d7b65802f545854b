using System.Text.RegularExpressions;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>
/// Mentions in a comment are stored by member id, as <c>&lt;@GUID&gt;</c>, never by name: a renamed member stays
/// mentioned and a name cannot reach someone else. The comment box turns a picked <c>@Name</c> into the token;
/// showing a comment turns the token back into the member's current name.
/// </summary>
public static partial class CommentMentions
{
    [GeneratedRegex(@"<@([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})>")]
    private static partial Regex Token();

    public static string TokenFor(Guid userId) => $"<@{userId:D}>";

    /// <summary>The member ids a text mentions, each once, in order.</summary>
    public static IReadOnlyList<Guid> Parse(string? text) =>
        string.IsNullOrEmpty(text) ? [] : Token().Matches(text).Select(m => Guid.Parse(m.Groups[1].Value)).Distinct().ToList();

    /// <summary>
    /// Replaces each <c>@Name</c> the writer picked from the suggestions with its token. Longer names first, so
    /// "@Ann Lee" is not taken for "@Ann".
    /// </summary>
    public static string Encode(string text, IEnumerable<KeyValuePair<string, Guid>> picked)
    {
        foreach (var (name, id) in picked.Where(p => p.Key.Length > 0).OrderByDescending(p => p.Key.Length))
            text = text.Replace("@" + name, TokenFor(id), StringComparison.Ordinal);
        return text;
    }

    /// <summary>The text with each token replaced by <paramref name="format"/> of the member's name (or "unknown member").</summary>
    public static string Display(string text, Func<Guid, string?> nameOf, Func<string, string>? format = null) =>
        Token().Replace(text, m => (format ?? (n => "@" + n))(nameOf(Guid.Parse(m.Groups[1].Value)) ?? "unknown member"));

    /// <summary>The text as the writer edits it again: tokens back to <c>@Name</c>, with the names to encode on save.</summary>
    public static (string Text, Dictionary<string, Guid> Picked) Decode(string text, Func<Guid, string?> nameOf)
    {
        var picked = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var decoded = Token().Replace(text, m =>
        {
            var id = Guid.Parse(m.Groups[1].Value);
            if (nameOf(id) is not { } name) return m.Value;
            picked[name] = id;
            return "@" + name;
        });
        return (decoded, picked);
    }

    /// <summary>The <c>@word</c> being typed at the end of <paramref name="text"/>, if any (what the suggestions filter on).</summary>
    public static string? TypingAtEnd(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var at = text.LastIndexOf('@');
        if (at < 0 || (at > 0 && !char.IsWhiteSpace(text[at - 1]) && text[at - 1] != '(')) return null;
        var query = text[(at + 1)..];
        return query.Length > 40 || query.Contains('\n') || query.Contains("  ", StringComparison.Ordinal) ? null : query;
    }
}
