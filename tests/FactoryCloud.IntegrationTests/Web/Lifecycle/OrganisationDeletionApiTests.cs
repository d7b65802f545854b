using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Infrastructure.Devices;
using FactoryCloud.Infrastructure.Mqtt;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using static FactoryCloud.IntegrationTests.Web.Account.TwoFactorCalls;

namespace FactoryCloud.IntegrationTests.Web.Lifecycle;

/// <summary>
/// Deleting and restoring the organisation over the API, on PostgreSQL with row-level security: only an Owner who types
/// its exact name deletes it; its members are then held (API 403 with the reason, pages sent to the hold page), its
/// devices refused; an Owner restores it; both are audited; an account's other organisations are unaffected.
/// </summary>
public sealed class OrganisationDeletionApiTests(DatabaseServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOwnerDeletesAfterTypingTheNameMembersAreHeldAndAnOwnerRestoresIt()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var name = "Deletable " + Guid.NewGuid().ToString("N")[..8];
        var owner = await ApiSession.SignUpAsync(app, name);
        var viewer = await owner.AddMemberAsync(app, "Viewer");
        var other = await ApiSession.SignUpAsync(app);

        using var deleted = await DeleteAsync(owner, "  " + name + " ");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var view = await deleted.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(view.GetProperty("scheduledForDeletion").GetBoolean());
        var purgeAfter = view.GetProperty("purgeAfter").GetDateTimeOffset();
        Assert.InRange(purgeAfter - DateTimeOffset.UtcNow, TimeSpan.FromDays(29.9), TimeSpan.FromDays(30));

        // Every member is held: 403 problem details with the reason and the date, on the token they already hold.
        foreach (var member in (ApiSession[])[owner, viewer])
        {
            using var sites = await member.Client.GetAsync("/api/v1/sites", Ct);
            Assert.Equal(HttpStatusCode.Forbidden, sites.StatusCode);
            var problem = await sites.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("organisation-scheduled-for-deletion", problem.GetProperty("reason").GetString());
            Assert.Contains("scheduled for deletion on", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains("an Owner can restore it", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync("/api/v1/me", Ct)).StatusCode);
            var state = await member.Client.GetFromJsonAsync<JsonElement>("/api/v1/organisation/deletion", Ct);
            Assert.True(state.GetProperty("scheduledForDeletion").GetBoolean());
        }
        // Writes too, and deleting again.
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.Client.PostAsJsonAsync("/api/v1/sites",
            new { key = "plant-2", name = "Plant 2", timeZone = "UTC", shifts = Array.Empty<object>() }, Ct)).StatusCode);
        // Another organisation is not affected.
        Assert.Equal(HttpStatusCode.OK, (await other.Client.GetAsync("/api/v1/sites", Ct)).StatusCode);

        // Pages: sent to the hold page, which names the date.
        var browser = Browser(app);
        await BrowserSignIn.PostAsync(browser, viewer.Email, viewer.Password);
        await SwitchTenantAsync(browser, owner.TenantId);
        using var plants = await browser.GetAsync("/plants", Ct);
        Assert.Equal("/organisation/deleted", plants.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await plants.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-testid=\"organisation-deleted\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"ask-an-owner\"", html, StringComparison.Ordinal); // a Viewer is not offered the restore

        // Only an Owner restores; another organisation's Owner restores nothing of it.
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsync("/api/v1/organisation/restore", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await other.Client.PostAsync("/api/v1/organisation/restore", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.Client.GetAsync("/api/v1/sites", Ct)).StatusCode);
        using var restored = await owner.Client.PostAsync("/api/v1/organisation/restore", null, Ct);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.False((await restored.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("scheduledForDeletion").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync("/api/v1/sites", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync("/api/v1/sites", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.Client.PostAsync("/api/v1/organisation/restore", null, Ct)).StatusCode);

        var audit = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/audit", Ct);
        var actions = audit.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()).ToList();
        Assert.Contains("OrganisationDeleted", actions);
        Assert.Contains("OrganisationRestored", actions);
    }

    [Fact]
    public async Task DeletingNeedsAnOwnerAndTheExactNameAndRefusesHostileBodies()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var name = "Careful " + Guid.NewGuid().ToString("N")[..8];
        var owner = await ApiSession.SignUpAsync(app, name);
        var admin = await owner.AddMemberAsync(app, "Admin");

        using (var anonymous = app.CreateClient())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await DeleteAsync(new ApiSession(anonymous, owner.TenantId, owner.Slug, Guid.Empty, "", ""), name)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/organisation/restore", null, Ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await DeleteAsync(admin, name)).StatusCode);

        foreach (var wrong in (string?[])[name.ToUpperInvariant(), name + "x", "", null, "<script>alert(1)</script>", new string('a', 100_000), owner.Slug])
        {
            using var response = await DeleteAsync(owner, wrong);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.True(problem.GetProperty("errors").TryGetProperty("Name", out _) || problem.GetProperty("errors").TryGetProperty("name", out _), problem.ToString());
        }
        using (var noBody = await owner.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/organisation"), Ct))
            Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        using (var notJson = await owner.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/organisation")
               { Content = new StringContent("{\"name\": [1, 2", System.Text.Encoding.UTF8, "application/json") }, Ct))
            Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);

        // Nothing was deleted.
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync("/api/v1/sites", Ct)).StatusCode);
        Assert.False((await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/organisation/deletion", Ct)).GetProperty("scheduledForDeletion").GetBoolean());
    }

    [Fact]
    public async Task AnAccountWithSeveralOrganisationsKeepsUsingTheOthers()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var other = await ApiSession.SignUpAsync(app, "Zz other " + Guid.NewGuid().ToString("N")[..8]);
        var name = "Aa first " + Guid.NewGuid().ToString("N")[..8]; // sorts first: the account's default organisation
        var owner = await ApiSession.SignUpAsync(app, name);
        var token = await other.InviteAsync(owner.Email, "Viewer");
        (await owner.Client.PostAsJsonAsync("/api/v1/invitations/accept", new { token }, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await DeleteAsync(owner, name)).StatusCode);

        // Signing in without choosing activates the organisation still in use; the deleted one is listed as such.
        await owner.LoginAsync();
        var me = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        Assert.Equal(other.TenantId, me.GetProperty("active").GetProperty("tenantId").GetGuid());
        var listed = me.GetProperty("memberships").EnumerateArray().Single(m => m.GetProperty("tenantId").GetGuid() == owner.TenantId);
        Assert.Equal(JsonValueKind.String, listed.GetProperty("deletionPurgeAfter").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync("/api/v1/sites", Ct)).StatusCode);

        // Choosing the deleted one holds the account there, with the restore open to it as Owner.
        await owner.LoginAsync(owner.Slug);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.Client.GetAsync("/api/v1/sites", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsync("/api/v1/organisation/restore", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync("/api/v1/sites", Ct)).StatusCode);
    }

    [Fact]
    public async Task TheDevicesOfADeletedOrganisationAreRefusedUntilItIsRestored()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var name = "Devices " + Guid.NewGuid().ToString("N")[..8];
        var owner = await ApiSession.SignUpAsync(app, name);
        var plant = await TestPlant.CreateAsync(owner);
        var credentials = await plant.IssueCredentialsAsync(owner);
        var (clientId, username, password) = (credentials.GetProperty("clientId").GetString(), credentials.GetProperty("username").GetString(),
            credentials.GetProperty("password").GetString());
        var authenticator = new DeviceAuthenticator(app.Database.Contexts);
        var device = await authenticator.AuthenticateAsync(clientId, username, password, Ct);
        Assert.NotNull(device);

        Assert.Equal(HttpStatusCode.OK, (await DeleteAsync(owner, name)).StatusCode);

        Assert.Null(await authenticator.AuthenticateAsync(clientId, username, password, Ct));
        Assert.Equal([device], await authenticator.EndedAsync(owner.TenantId, [device], Ct)); // a connected device is disconnected
        var directory = new ExternalTenantDirectory(app.Database.Contexts, TimeProvider.System, NullLogger<ExternalTenantDirectory>.Instance);
        Assert.Null(await directory.FindAsync(owner.Slug, Ct)); // messages through an external broker are refused

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsync("/api/v1/organisation/restore", null, Ct)).StatusCode);
        Assert.NotNull(await authenticator.AuthenticateAsync(clientId, username, password, Ct));
        Assert.Empty(await authenticator.EndedAsync(owner.TenantId, [device], Ct));
    }

    private static Task<HttpResponseMessage> DeleteAsync(ApiSession session, string? name) =>
        session.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/organisation") { Content = JsonContent.Create(new { name }) }, Ct);
}
