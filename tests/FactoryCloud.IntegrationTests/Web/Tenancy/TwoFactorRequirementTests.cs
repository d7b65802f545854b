using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Account;
using static FactoryCloud.IntegrationTests.Web.Account.TwoFactorCalls;

namespace FactoryCloud.IntegrationTests.Web.Tenancy;

/// <summary>An Owner requires two-factor sign-in for the organisation; members without it are held at the set-up page.</summary>
public sealed class TwoFactorRequirementTests(DatabaseServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MembersWithoutTwoFactorAreHeldUntilTheySetItUp(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var member = await owner.AddMemberAsync(app, "Viewer");
        var ownerTwoFactor = await EnableAsync(app, owner);
        var ownerApi = await SignedInWithCodeAsync(app, owner, ownerTwoFactor.Key, owner.Slug);

        Assert.Equal(HttpStatusCode.NoContent, (await ownerApi.PutAsJsonAsync("/api/v1/organisation/security", new { requireTwoFactor = true }, Ct)).StatusCode);

        // The API: 403 problem details naming the reason, except /me and the token endpoints.
        using var sites = await member.Client.GetAsync("/api/v1/sites", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, sites.StatusCode);
        var problem = await sites.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("two-factor-required", problem.GetProperty("reason").GetString());
        Assert.Contains("/account/two-factor", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownerApi.GetAsync("/api/v1/sites", Ct)).StatusCode);

        // Pages: sent to the set-up page.
        var browser = Browser(app);
        await BrowserSignIn.PostAsync(browser, member.Email, member.Password);
        await SwitchTenantAsync(browser, owner.TenantId);
        using var home = await browser.GetAsync("/plants", Ct);
        Assert.Equal("/account/two-factor", home.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("data-testid=\"two-factor-required\"", await home.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Set up: then everything is open again.
        var memberTwoFactor = await EnableAsync(app, member);
        var memberApi = await SignedInWithCodeAsync(app, member, memberTwoFactor.Key, owner.Slug);
        Assert.Equal(HttpStatusCode.OK, (await memberApi.GetAsync("/api/v1/sites", Ct)).StatusCode);
        await SwitchTenantAsync(memberTwoFactor.Browser, owner.TenantId);
        using var plants = await memberTwoFactor.Browser.GetAsync("/plants", Ct);
        Assert.Equal("/plants", plants.RequestMessage!.RequestUri!.AbsolutePath);

        var audit = await ownerApi.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=TwoFactorRequirementChanged", Ct);
        Assert.Equal("Required of every member", Assert.Single(audit.GetProperty("items").EnumerateArray()).GetProperty("details").GetString());
    }

    [Fact]
    public async Task OnlyAnOwnerWithTwoFactorCanRequireIt()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var owner = await ApiSession.SignUpAsync(app);
        var admin = await owner.AddMemberAsync(app, "Admin");

        Assert.Equal(HttpStatusCode.Conflict, (await owner.Client.PutAsJsonAsync("/api/v1/organisation/security", new { requireTwoFactor = true }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Client.PutAsJsonAsync("/api/v1/organisation/security", new { requireTwoFactor = true }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.PutAsync("/api/v1/organisation/security",
            new StringContent("{\"requireTwoFactor\":\"yes please\"}", System.Text.Encoding.UTF8, "application/json"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsJsonAsync("/api/v1/organisation/security", new { requireTwoFactor = true }, Ct)).StatusCode);
        var settings = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/organisation/security", Ct);
        Assert.False(settings.GetProperty("requireTwoFactor").GetBoolean());
    }

    private static async Task<HttpClient> SignedInWithCodeAsync(FactoryCloudApp app, ApiSession session, string key, string? tenant = null)
    {
        using var response = await ApiLoginAsync(app, session, Totp.Code(key), tenant: tenant);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString());
        return client;
    }
}
