using FactoryCloud.Infrastructure.Configuration;

namespace FactoryCloud.Web.Common;

/// <summary>
/// <c>App:PublicBaseUrl</c>: the address people reach FactoryCloud at (e.g. <c>https://factory.example.com</c>).
/// Links that leave the app (invitations) start with it, never with the request's Host header, which any caller
/// chooses. Unset, such links are relative to the app (<c>/invitations/...</c>).
/// </summary>
public sealed class PublicAddress
{
    public const string Section = "App";

    public string? PublicBaseUrl { get; set; }

    /// <summary>The link to <paramref name="path"/> (starting with /) as people outside the app follow it.</summary>
    public string Link(string path) => string.IsNullOrWhiteSpace(PublicBaseUrl) ? path : PublicBaseUrl.TrimEnd('/') + path;

    /// <summary>Throws <see cref="InvalidSettingException"/> when the setting is not an absolute http(s) URL (checked at start).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(PublicBaseUrl)) return;
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
            throw new InvalidSettingException($"{Section}:PublicBaseUrl must be the app's absolute http(s) address, such as https://factory.example.com.");
    }
}
