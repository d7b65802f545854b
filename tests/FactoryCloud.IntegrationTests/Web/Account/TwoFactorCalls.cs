using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FactoryCloud.IntegrationTests.Fixtures;

namespace FactoryCloud.IntegrationTests.Web.Account;

/// <summary>Two-factor sign-in as a person does it: the page's forms in a browser-like client, codes from <see cref="Totp"/>.</summary>
public static partial class TwoFactorCalls
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record Enabled(string Key, IReadOnlyList<string> RecoveryCodes, HttpClient Browser);

    /// <summary>Signs <paramref name="session"/>'s account in with the form, reads the key from /account/two-factor and switches it on with a code.</summary>
    public static async Task<Enabled> EnableAsync(FactoryCloudApp app, ApiSession session)
    {
        var browser = Browser(app);
        (await BrowserSignIn.PostAsync(browser, session.Email, session.Password)).EnsureSuccessStatusCode();
        var page = await browser.GetStringAsync("/account/two-factor", Ct);
        var key = KeyIn(page);
        var response = await PostFormAsync(browser, "/account/two-factor", page, "enable-two-factor", new() { ["Enable.Code"] = Totp.Code(key) });
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-testid=\"two-factor-on\"", html, StringComparison.Ordinal);
        return new Enabled(key, RecoveryCodesIn(html), browser);
    }

    /// <summary>A browser-like client: cookies set on redirects are kept (the sign-in's cookie comes on a 302), HTTPS as behind TLS.</summary>
    public static HttpClient Browser(FactoryCloudApp app) =>
        app.CreateDefaultClient(new Uri("https://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.RedirectHandler(),
            new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(new CookieContainer()));

    public static string KeyIn(string html) => SecretInUri().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No authenticator URI on the page.");

    public static IReadOnlyList<string> RecoveryCodesIn(string html) => [.. RecoveryCode().Matches(html).Select(m => m.Groups[1].Value)];

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, string page, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = BrowserSignIn.AntiforgeryToken(page);
        fields["_handler"] = handler;
        return await browser.PostAsync(path, new FormUrlEncodedContent(fields), Ct);
    }

    /// <summary>The token API's sign-in with an optional second factor.</summary>
    public static async Task<HttpResponseMessage> ApiLoginAsync(FactoryCloudApp app, ApiSession session, string? code, string? address = null, string? tenant = null)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email = session.Email, password = session.Password, code, tenant }),
        };
        if (address is not null) request.Headers.Add(RemoteAddress.Header, address);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>Chooses the organisation of a browser's session, as the tenant switcher's form does.</summary>
    public static async Task SwitchTenantAsync(HttpClient browser, Guid tenantId)
    {
        var page = await browser.GetStringAsync("/account/two-factor", Ct);
        using var response = await browser.PostAsync("/account/switch-tenant", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSignIn.AntiforgeryToken(page), ["tenantId"] = tenantId.ToString(),
        }), Ct);
        response.EnsureSuccessStatusCode();
    }

    [GeneratedRegex("secret=([A-Z2-7]+)")]
    private static partial Regex SecretInUri();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();
}
