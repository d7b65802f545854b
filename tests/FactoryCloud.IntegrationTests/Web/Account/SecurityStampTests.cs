using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using static FactoryCloud.IntegrationTests.Web.Account.TokenCalls;

namespace FactoryCloud.IntegrationTests.Web.Account;

/// <summary>
/// A password change, a sign-out, a removal and a role change each renew the user's security stamp, which ends the
/// sign-in cookie (checked on every request), bearer access tokens and every refresh token of the user.
/// </summary>
public sealed class SecurityStampTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private const string CookieName = ".AspNetCore.Identity.Application";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APasswordChangeEndsTheAccessAndRefreshTokens()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var pair = await LoginAsync(App, owner);

        using (var scope = App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.ChangePasswordAsync((await users.FindByIdAsync(owner.UserId.ToString()))!, owner.Password, "Another-Horse-7")).Succeeded);
        }

        using var client = WithToken(App, pair.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "/api/v1/me"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(App, pair.RefreshToken)).StatusCode);
        await RefreshedAsync(App, (await LoginAsync(App, owner with { Password = "Another-Horse-7" })).RefreshToken);
    }

    [Fact]
    public async Task SigningOutEndsTheCopiedCookieAndTheRefreshTokens()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var pair = await LoginAsync(App, owner);
        var (browser, cookie) = await SignedInBrowserAsync(owner);
        using var replay = Replaying(cookie);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(replay, "/api/v1/me"));

        var home = await browser.GetStringAsync("/", Ct);
        var signOut = await browser.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = BrowserSignIn.AntiforgeryToken(home) }), Ct);
        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode); // followed to the sign-in page

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(replay, "/api/v1/me"));
        var page = await replay.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(App, pair.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task SigningOutThroughTheApiEndsTheAccessAndRefreshTokens()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var pair = await LoginAsync(App, owner);
        using var client = WithToken(App, pair.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/logout", null, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "/api/v1/me"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(App, pair.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().PostAsync("/api/v1/auth/logout", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task RemovalEndsTheMembersCookieAccessAndRefreshTokens()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var member = await owner.AddMemberAsync(App, "TeamMember");
        var pair = await LoginAsync(App, member, owner.Slug);
        var (_, cookie) = await SignedInBrowserAsync(member);
        using var replay = Replaying(cookie);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(replay, "/api/v1/me"));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/members/{await MembershipIdAsync(owner, member.Email)}", Ct)).StatusCode);

        using var client = WithToken(App, pair.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "/api/v1/me"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(replay, "/api/v1/me"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(App, pair.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(owner.Client, "/api/v1/me"));
    }

    [Fact]
    public async Task ARoleChangeEndsTheMembersSessionsUntilTheySignInAgainWithTheNewRole()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var member = await owner.AddMemberAsync(App, "TeamMember");
        var pair = await LoginAsync(App, member, owner.Slug);
        var (_, cookie) = await SignedInBrowserAsync(member);
        using var replay = Replaying(cookie);

        var change = await owner.Client.PutAsJsonAsync($"/api/v1/members/{await MembershipIdAsync(owner, member.Email)}/role", new { role = "Viewer" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);

        using var client = WithToken(App, pair.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "/api/v1/me"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(replay, "/api/v1/me"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(App, pair.RefreshToken)).StatusCode);
        using var again = WithToken(App, (await LoginAsync(App, member, owner.Slug)).AccessToken);
        var me = await again.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        Assert.Equal("Viewer", me.GetProperty("active").GetProperty("role").GetString());
    }

    /// <summary>Signs in through the sign-in form and returns the browser and the value of its sign-in cookie.</summary>
    private async Task<(HttpClient Browser, string Cookie)> SignedInBrowserAsync(ApiSession account)
    {
        // Cookies inside redirects: the sign-in's cookie comes on the 302 that the redirect handler follows.
        var cookies = new System.Net.CookieContainer();
        var browser = App.CreateDefaultClient(new Uri("https://localhost"), new RedirectHandler(), new CookieContainerHandler(cookies));
        (await BrowserSignIn.PostAsync(browser, account.Email, account.Password)).EnsureSuccessStatusCode();
        var cookie = cookies.GetCookies(new Uri("https://localhost")).Single(c => c.Name == CookieName).Value;
        return (browser, cookie);
    }

    /// <summary>A client that sends a copy of a sign-in cookie, as someone who copied it would, and follows no redirect.</summary>
    private HttpClient Replaying(string cookie)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Add("Cookie", $"{CookieName}={cookie}");
        return client;
    }

    private static async Task<Guid> MembershipIdAsync(ApiSession owner, string email)
    {
        var members = await owner.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/members", Ct);
        return members!.Single(m => m.GetProperty("email").GetString() == email).GetProperty("membershipId").GetGuid();
    }
}
