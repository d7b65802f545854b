using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.AccessTokens;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.EntityFrameworkCore;
using static FactoryCloud.IntegrationTests.Web.Account.TokenCalls;

namespace FactoryCloud.IntegrationTests.Web.Account;

/// <summary>
/// Personal access tokens: scoped per area and access level, shown once and stored hashed, ending when revoked or
/// expired, recording their use; Owners manage the organisation's tokens, members their own.
/// </summary>
public sealed class PersonalAccessTokenTests(DatabaseServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly object NewProduct = new { name = "Via token", description = "", businessOwnerName = "Owner", wipMode = "WarnAndConfirm" };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AReadOnlyPlantsTokenReadsPlantsButCannotWriteThemOrReadBacklogs(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var (_, secret) = await CreatePatAsync(owner.Client, plants: "Read");
        using var script = WithToken(app, secret);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/v1/sites"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/v1/alerts"));
        var write = await script.PostAsJsonAsync("/api/v1/sites", new { key = "p1", name = "Plant", timeZone = "UTC" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(script, "/api/v1/products"));
        Assert.Empty((await owner.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/sites", Ct))!);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ABacklogsTokenWritesBacklogsButGets403OnPlants(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var (_, secret) = await CreatePatAsync(owner.Client, backlogs: "ReadWrite");
        using var script = WithToken(app, secret);

        Assert.Equal(HttpStatusCode.Created, (await script.PostAsJsonAsync("/api/v1/products", NewProduct, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(script, "/api/v1/sites"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(script, "/api/v1/maturity/models"));
    }

    [Fact]
    public async Task ATokenCannotManageTokensMembersOrSessionsNorOpenPages()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var owner = await ApiSession.SignUpAsync(app);
        var (_, secret) = await CreatePatAsync(owner.Client, plants: "ReadWrite", backlogs: "ReadWrite", maturity: "ReadWrite");
        using var script = WithToken(app, secret);

        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(script, "/api/v1/tokens"));
        Assert.Equal(HttpStatusCode.Forbidden, (await script.PostAsJsonAsync("/api/v1/tokens",
            new { name = "more", plants = "ReadWrite", backlogs = "None", maturity = "None", expiresAt = DateTimeOffset.UtcNow.AddDays(5) }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(script, "/api/v1/members"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(script, "/api/v1/audit"));
        Assert.Equal(HttpStatusCode.Forbidden, (await script.PostAsync("/api/v1/auth/logout", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(script, "/settings/members"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(owner.Client, "/api/v1/me"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RevokedExpiredAndForgedTokensAnswer401(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var (revokedId, revoked) = await CreatePatAsync(owner.Client, plants: "Read");
        var (expiredId, expired) = await CreatePatAsync(owner.Client, plants: "Read");
        using (var script = WithToken(app, revoked)) Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/v1/sites"));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/tokens/{revokedId}", Ct)).StatusCode);
        await using (var db = app.Database.Contexts.Create(DataScope.ForTenant(owner.TenantId)))
            await db.PersonalAccessTokens.Where(t => t.Id == expiredId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)), Ct);

        foreach (var token in (string[])[revoked, expired, TokenSecret.NewPersonalAccessToken(owner.TenantId), "fc_pat_not-a-token", revoked + "x"])
        {
            using var script = WithToken(app, token);
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(script, "/api/v1/sites"));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheSecretIsShownOnceStoredHashedAndEveryUseIsRecorded(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var (id, secret) = await CreatePatAsync(owner.Client, maturity: "Read", name: "Nightly export");
        Assert.StartsWith(TokenSecret.PersonalAccessPrefix, secret);

        var listed = await owner.Client.GetStringAsync("/api/v1/tokens", Ct);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        var row = await PatRowAsync(app, owner.TenantId, id);
        Assert.Equal(TokenSecret.Hash(secret), row.TokenHash);
        Assert.Equal("maturity:read", row.Scopes);
        Assert.Null(row.LastUsedAt);

        using var script = WithToken(app, secret);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/v1/maturity/assessments"));

        var used = await owner.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/tokens", Ct);
        var token = Assert.Single(used!);
        Assert.Equal("Nightly export", token.GetProperty("name").GetString());
        Assert.True(token.GetProperty("lastUsedAt").GetDateTimeOffset() >= before);
    }

    [Fact]
    public async Task OwnersSeeAndRevokeEveryTokenMembersOnlyTheirOwnAndTheRoleStillApplies()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var owner = await ApiSession.SignUpAsync(app);
        var viewer = await owner.AddMemberAsync(app, "Viewer");
        var (ownersId, _) = await CreatePatAsync(owner.Client, plants: "Read", name: "owner's");
        var (viewersId, viewers) = await CreatePatAsync(viewer.Client, backlogs: "ReadWrite", name: "viewer's");

        Assert.Equal(["viewer's"], (await viewer.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/tokens", Ct))!.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(2, (await owner.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/tokens", Ct))!.Length);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.Client.DeleteAsync($"/api/v1/tokens/{ownersId}", Ct)).StatusCode);
        Assert.Null((await PatRowAsync(app, owner.TenantId, ownersId)).RevokedAt);

        using var script = WithToken(app, viewers);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/v1/products"));
        Assert.Equal(HttpStatusCode.Forbidden, (await script.PostAsJsonAsync("/api/v1/products", NewProduct, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/tokens/{viewersId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(script, "/api/v1/products"));
    }

    [Fact]
    public async Task AMemberRemovedFromTheOrganisationLosesTheirTokens()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var owner = await ApiSession.SignUpAsync(app);
        var member = await owner.AddMemberAsync(app, "TeamMember");
        var (_, secret) = await CreatePatAsync(member.Client, plants: "Read");
        using var script = WithToken(app, secret);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(script, "/api/v1/sites"));

        var members = await owner.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/members", Ct);
        var membership = members!.Single(m => m.GetProperty("email").GetString() == member.Email).GetProperty("membershipId").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/members/{membership}", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(script, "/api/v1/sites"));
    }

    [Fact]
    public async Task BadRequestsAreValidationProblemsAndStrangersAreRefused()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var owner = await ApiSession.SignUpAsync(app);

        await AssertInvalidAsync(owner.Client, new { name = " ", plants = "Read", backlogs = "None", maturity = "None", expiresAt = DateTimeOffset.UtcNow.AddDays(5) }, "Name");
        await AssertInvalidAsync(owner.Client, new { name = new string('n', 81), plants = "Read", backlogs = "None", maturity = "None", expiresAt = DateTimeOffset.UtcNow.AddDays(5) }, "Name");
        await AssertInvalidAsync(owner.Client, new { name = "x", plants = "None", backlogs = "None", maturity = "None", expiresAt = DateTimeOffset.UtcNow.AddDays(5) }, "Scopes");
        await AssertInvalidAsync(owner.Client, new { name = "x", plants = "Read", backlogs = "None", maturity = "None", expiresAt = DateTimeOffset.UtcNow.AddDays(400) }, "ExpiresAt");
        await AssertInvalidAsync(owner.Client, new { name = "x", plants = "Read", backlogs = "None", maturity = "None", expiresAt = DateTimeOffset.UtcNow.AddHours(-1) }, "ExpiresAt");
        Assert.Empty((await owner.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/tokens", Ct))!);

        using var stranger = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(stranger, "/api/v1/tokens"));
    }

    [Fact]
    public async Task TenantBCannotSeeOrRevokeTenantAsTokensAndAsTokenNeverReadsBsData()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var a = await ApiSession.SignUpAsync(app);
        var b = await ApiSession.SignUpAsync(app);
        var bSite = await CreateSiteAsync(b.Client, "b-plant");
        await CreateSiteAsync(a.Client, "a-plant");
        // A's owner also belongs to B: the token made in A still reads A only.
        (await a.Client.PostAsJsonAsync("/api/v1/invitations/accept", new { token = await b.InviteAsync(a.Email, "Admin") }, Ct)).EnsureSuccessStatusCode();
        var (aTokenId, aSecret) = await CreatePatAsync(a.Client, plants: "ReadWrite");

        Assert.Empty((await b.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/tokens", Ct))!);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.DeleteAsync($"/api/v1/tokens/{aTokenId}", Ct)).StatusCode);
        Assert.Null((await PatRowAsync(app, a.TenantId, aTokenId)).RevokedAt);

        using var script = WithToken(app, aSecret);
        var sites = await script.GetFromJsonAsync<JsonElement[]>("/api/v1/sites", Ct);
        Assert.Equal(["a-plant"], sites!.Select(s => s.GetProperty("key").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(script, $"/api/v1/sites/{bSite}"));
        Assert.Equal(HttpStatusCode.NotFound, (await script.DeleteAsync($"/api/v1/sites/{bSite}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(b.Client, $"/api/v1/sites/{bSite}"));
    }

    private static async Task AssertInvalidAsync(HttpClient client, object body, string field)
    {
        var response = await client.PostAsJsonAsync("/api/v1/tokens", body, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error for {field}: {problem}");
    }

    private static async Task<Guid> CreateSiteAsync(HttpClient client, string key)
    {
        var response = await client.PostAsJsonAsync("/api/v1/sites", new { key, name = key, timeZone = "UTC" }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }
}
