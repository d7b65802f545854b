using System.Text.RegularExpressions;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>
/// Where an attached file is (<see cref="WorkItemAttachment.StorageKey"/>): an http(s) link (a drive, SharePoint,
/// a document system), shown as a link, or a blob storage key without a scheme (<c>attachments/spec.pdf</c>), shown as
/// text. Any other scheme (<c>javascript:</c>, <c>file:</c>, <c>data:</c>) is refused, so a listed link never runs script.
/// </summary>
public static partial class AttachmentLocation
{
    /// <summary>
    /// The location of a file uploaded to FactoryCloud itself. Its bytes are found from the row's tenant and id, never
    /// from this text, and no one can enter it (it has a scheme other than http(s)).
    /// </summary>
    public const string StoredFile = "stored:file";

    public static bool IsStoredFile(string location) => location == StoredFile;

    public static bool IsLink(string location) =>
        Uri.TryCreate(location.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Null for a link or a storage key; else what is wrong. (An empty location is for the required check.)</summary>
    public static string? Problem(string location) =>
        IsLink(location) || !Scheme().IsMatch(location.Trim()) ? null : "A link starts with http:// or https://; a storage key has no scheme.";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();
}
