using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FactoryCloud.IntegrationTests.Web.Security;

/// <summary>
/// The rate limiter with low limits (an app of its own; the rest of the suite runs with high ones). Windows are an
/// hour long, so nothing here depends on timing. Client addresses are set on the request as a socket would set them.
/// </summary>
public sealed class RateLimitTests(DatabaseServers servers) : IAsyncLifetime
{
    private WebApplicationFactory<Program> _app = default!;

    public async ValueTask InitializeAsync()
    {
        var database = await servers.SharedAsync(DatabaseProvider.Postgres);
        var app = new FactoryCloudApp(database, new Dictionary<string, string?>
        {
            ["RateLimits:SignInPerAddress:PermitLimit"] = "3",
            ["RateLimits:SignInPerAddress:Window"] = "01:00:00",
            ["RateLimits:SignUpPerAddress:PermitLimit"] = "2",
            ["RateLimits:SignUpPerAddress:Window"] = "01:00:00",
            ["RateLimits:ApiPerClient:PermitLimit"] = "5",
            ["RateLimits:ApiPerClient:Window"] = "01:00:00",
        });
        _app = app.WithWebHostBuilder(RemoteAddress.SimulateFromHeader);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SignInFloodFromOneAddressIsRefusedWithRetryAfterWhateverForwardedForSays()
    {
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInFromAsync("10.1.0.1", $"nobody-{i}@example.test")).StatusCode);

        var refused = await SignInFromAsync("10.1.0.1", "someone-else@example.test", forwardedFor: "203.0.113.9");

        await AssertTooManyRequestsAsync(refused);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInFromAsync("10.1.0.2", "nobody-3@example.test")).StatusCode);
    }

    [Fact]
    public async Task ApiFloodFromOneUserIsRefused()
    {
        var owner = await ApiSession.SignUpAsync(_app.CreateClient());
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        // Signing up read /api/v1/me once already (sign-up answers 202 alike for every address, so the session asks
        // who it is): 4 of the user's 5 requests are left.
        for (var i = 0; i < 5; i++)
        {
            last?.Dispose();
            last = await owner.Client.GetAsync("/api/v1/me", TestContext.Current.CancellationToken);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 4), HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        last.Dispose();
    }

    [Fact]
    public async Task SignUpFloodFromOneAddressIsRefused()
    {
        var client = _app.CreateClient();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/signup", new { organization = "", email = "x", password = "y" }, TestContext.Current.CancellationToken)).StatusCode);

        using var refused = await client.PostAsJsonAsync("/api/v1/signup", new { organization = "Flood", email = "flood@example.test", password = ApiSession.DefaultPassword }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task ABrowsersFormPostOverTheLimitGetsAPageThatSaysWhyNotProblemDetails()
    {
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = $"nobody-{i}@example.test", ["Input.Password"] = "Wrong-Password-1" }),
            };
            request.Headers.Add(RemoteAddress.Header, "10.4.0.1");
            request.Headers.Accept.ParseAdd("text/html");
            last = await _app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("text/html", last.Content.Headers.ContentType?.MediaType);
        var page = await last.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Too many attempts. Try again in", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/login\"", page, StringComparison.Ordinal);
        last.Dispose();
    }

    [Fact]
    public async Task LookingAtTheSignInPageIsNotLimited()
    {
        var client = _app.CreateClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login", TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<HttpResponseMessage> SignInFromAsync(string address, string email, string password = "Wrong-Password-1", string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(RemoteAddress.Header, address);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await _app.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task AssertTooManyRequestsAsync(HttpResponseMessage refused)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: '{refused.Headers.RetryAfter}'");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }
}
