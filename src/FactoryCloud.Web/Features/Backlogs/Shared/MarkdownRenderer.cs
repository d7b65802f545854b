using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FactoryCloud.Web.Features.Backlogs.Shared;

/// <summary>
/// Markdown to HTML for descriptions and comments. Raw HTML is escaped (<c>DisableHtml</c>), and link and image
/// targets other than http(s), mailto and relative ones are replaced by <c>#</c>: Markdig alone keeps
/// <c>javascript:</c> links.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .Build();

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    /// <summary>Text that Markdown shows as it is (each punctuation character backslash-escaped).</summary>
    public static string Escape(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || char.IsWhiteSpace(c) || c > 127 ? c.ToString() : "\\" + c));

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (!IsSafe(link.Url)) link.Url = "#";
        foreach (var link in document.Descendants<AutolinkInline>())
            if (!IsSafe(link.Url)) link.Url = "#";
        return document.ToHtml(Pipeline);
    }

    /// <summary>Browsers ignore whitespace and control characters inside a scheme ("java\tscript:"), so this does too.</summary>
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url)) return true;
        var compact = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return true;
        var delimiter = compact.IndexOfAny(['/', '?', '#']);
        if (delimiter >= 0 && delimiter < colon) return true; // a relative path with a colon later on
        var scheme = compact[..colon];
        return SafeSchemes.Any(s => string.Equals(s, scheme, StringComparison.OrdinalIgnoreCase));
    }
}
