namespace FactoryCloud.Domain.Notifications;

/// <summary>
/// Which webhook addresses are accepted: absolute http or https, no user name or password in them, at most
/// <see cref="Webhook.UrlMaxLength"/> characters. Other schemes (file, ftp, gopher...) are refused outright. Where
/// the address points (a private or loopback address) is checked when connecting, see the README.
/// </summary>
public static class WebhookUrl
{
    public static string? Problem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "Enter the webhook's address.";
        if (url.Length > Webhook.UrlMaxLength) return $"The address can be at most {Webhook.UrlMaxLength} characters.";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return "Enter an http or https address, such as https://hooks.example.com/factory.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "Put no user name or password in the address; the payload is signed instead.";
        if (string.IsNullOrEmpty(uri.Host)) return "Enter an address with a host name.";
        return null;
    }
}
