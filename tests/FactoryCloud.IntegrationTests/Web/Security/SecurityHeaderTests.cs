using System.Net;
using FactoryCloud.IntegrationTests.Fixtures;

namespace FactoryCloud.IntegrationTests.Web.Security;

/// <summary>
/// Security headers on pages and API responses, and the app behind a TLS-terminating proxy: the test client plays the
/// proxy on 127.0.0.1 (a configured known proxy) and says <c>X-Forwarded-Proto: https</c>, so the app sees HTTPS,
/// sends HSTS and marks the sign-in cookie Secure.
/// </summary>
public sealed class SecurityHeaderTests(DatabaseServers servers) : IAsyncLifetime
{
    private const string PublicHost = "factory.example.test";
    private FactoryCloudApp _app = default!;
    private Uri _address = default!;

    public async ValueTask InitializeAsync() =>
        (_app, _address) = await KestrelApp.StartAsync(servers, new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/account/login", HttpStatusCode.OK)]
    [InlineData("/api/v1/me", HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/no-such-thing", HttpStatusCode.NotFound)]
    public async Task PagesAndApiResponsesCarryTheSecurityHeaders(string path, HttpStatusCode status)
    {
        using var client = KestrelApp.Client(_address);

        using var response = await client.SendAsync(ViaProxy(HttpMethod.Get, path), TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BehindTheProxyTheSignInCookieIsSecureAndWithoutItNot()
    {
        var owner = await ApiSession.SignUpAsync(new HttpClient { BaseAddress = _address });

        var viaProxy = await SignInCookieAsync(owner, proxied: true);
        var direct = await SignInCookieAsync(owner, proxied: false);

        Assert.Contains("; secure", viaProxy, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", viaProxy, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("; secure", direct, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PlainHttpGetsNoHsts()
    {
        using var client = KestrelApp.Client(_address);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Host = PublicHost;

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task ForwardedHeadersFromAnAddressThatIsNotAListedProxyAreIgnored()
    {
        var (app, address) = await KestrelApp.StartAsync(servers, new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "192.0.2.1" });
        await using (app)
        {
            using var client = KestrelApp.Client(address);

            using var response = await client.SendAsync(ViaProxy(HttpMethod.Get, "/account/login"), TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Strict-Transport-Security")); // still plain HTTP to the app
        }
    }

    /// <summary>The Set-Cookie of the sign-in cookie after posting the sign-in form, as the proxy or directly.</summary>
    private async Task<string> SignInCookieAsync(ApiSession owner, bool proxied)
    {
        using var client = KestrelApp.Client(_address);
        HttpRequestMessage Request(HttpMethod method, string path) => proxied ? ViaProxy(method, path) : new HttpRequestMessage(method, path);

        using var pageRequest = Request(HttpMethod.Get, "/account/login");
        using var page = await client.SendAsync(pageRequest, TestContext.Current.CancellationToken);
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        using var post = Request(HttpMethod.Post, "/account/login");
        post.Headers.Add("Cookie", antiforgeryCookie);
        post.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSignIn.AntiforgeryToken(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)),
            ["_handler"] = "login", ["Input.Email"] = owner.Email, ["Input.Password"] = owner.Password,
        });

        using var signedIn = await client.SendAsync(post, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }

    private static HttpRequestMessage ViaProxy(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Host = PublicHost;
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.20");
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"No {name} header.");
}
