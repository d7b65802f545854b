using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Tenancy;

/// <summary>
/// <c>GET</c>/<c>PUT /api/v1/account/start-page</c> on PostgreSQL with row-level security: each member reads and sets
/// only their own start page, per organisation.
/// </summary>
public sealed class StartPageApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMemberChoosesTheirOwnStartPagePerOrganisationAndNobodyElsesChanges()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var member = await owner.AddMemberAsync(App, "Viewer");
        Assert.Equal("Home", await StartPageAsync(member));

        var put = await member.Client.PutAsJsonAsync("/api/v1/account/start-page", new { startPage = "Program" }, Ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var saved = await put.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Program", saved.GetProperty("startPage").GetString());
        Assert.Equal("program", saved.GetProperty("path").GetString());
        Assert.Equal("Program", await StartPageAsync(member));
        // The Owner of the same organisation keeps theirs, and changing the member's role leaves the member's choice alone.
        Assert.Equal("Home", await StartPageAsync(owner));
        var membership = (await owner.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/members", Ct))!
            .Single(m => m.GetProperty("email").GetString() == member.Email).GetProperty("membershipId").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.PutAsJsonAsync($"/api/v1/members/{membership}/role", new { role = "TeamMember" }, Ct)).StatusCode);
        await member.LoginAsync(owner.Slug);
        Assert.Equal("Program", await StartPageAsync(member));

        // The member's own organisation (they signed up with one) still starts at Home: the choice is per organisation.
        await member.LoginAsync(member.Slug);
        Assert.Equal("Home", await StartPageAsync(member));
        Assert.Equal(HttpStatusCode.OK, (await member.Client.PutAsJsonAsync("/api/v1/account/start-page", new { startPage = "Backlogs" }, Ct)).StatusCode);
        await member.LoginAsync(owner.Slug);
        Assert.Equal("Program", await StartPageAsync(member));
    }

    [Fact]
    public async Task AnotherOrganisationNeitherSeesNorMovesTheChoice()
    {
        var a = await ApiSession.SignUpAsync(App);
        var b = await ApiSession.SignUpAsync(App);

        Assert.Equal(HttpStatusCode.OK, (await a.Client.PutAsJsonAsync("/api/v1/account/start-page", new { startPage = "Plants" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.Client.PutAsJsonAsync("/api/v1/account/start-page", new { startPage = "Backlogs" }, Ct)).StatusCode);

        Assert.Equal("Plants", await StartPageAsync(a));
        Assert.Equal("Backlogs", await StartPageAsync(b));
    }

    [Fact]
    public async Task NobodySignedInGets401AndAValueThatNamesNoPageGets400()
    {
        var owner = await ApiSession.SignUpAsync(App);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PutAsJsonAsync("/api/v1/account/start-page", new { startPage = "Program" }, Ct)).StatusCode);

        using var anonymous = App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/account/start-page", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/v1/account/start-page", new { startPage = "Home" }, Ct)).StatusCode);

        foreach (var hostile in new[]
                 {
                     """{"startPage":"Dashboard"}""", """{"startPage":99}""", """{"startPage":["Program"]}""", """{"startPage":null}""", "{}",
                     """{"startPage":"https://evil.example/"}""", "not json",
                 })
        {
            using var response = await owner.Client.PutAsync("/api/v1/account/start-page", new StringContent(hostile, Encoding.UTF8, "application/json"), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{hostile}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal("Program", await StartPageAsync(owner));
    }

    [Fact]
    public async Task SignInLandsOnHomeWhichSendsTheMemberOnToTheirStartPageUnlessTheyAskForHome()
    {
        var owner = await ApiSession.SignUpAsync(App);
        await CompleteTheChecklistAsync(owner);
        using var browser = App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        var signIn = await BrowserSignIn.PostAsync(browser, owner.Email, owner.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("https://localhost/", signIn.Headers.Location?.ToString());
        // Home by default: the home page itself.
        using (var home = await browser.GetAsync("/", Ct)) Assert.Equal(HttpStatusCode.OK, home.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PutAsJsonAsync("/api/v1/account/start-page", new { startPage = "Program" }, Ct)).StatusCode);

        using (var landing = await browser.GetAsync("/", Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
            Assert.Equal("https://localhost/program", landing.Headers.Location?.ToString());
        }
        using (var asked = await browser.GetAsync(StartPagesHomeLink, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
            Assert.Contains("data-testid=\"what-matters-now\"", await asked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    private const string StartPagesHomeLink = "/?home=1";

    /// <summary>Every getting-started step done: a machine with a device that has sent data, a colleague invited, a team and product, a submitted assessment.</summary>
    private async Task CompleteTheChecklistAsync(ApiSession owner)
    {
        var plant = await TestPlant.CreateAsync(owner);
        await owner.InviteAsync($"colleague-{Guid.NewGuid():N}@example.test", "Viewer");
        await using var db = App.Services.GetRequiredService<AppDbContextFactory>().Create(DataScope.ForTenant(owner.TenantId));
        (await db.Machines.SingleAsync(m => m.Id == plant.Machine, Ct)).FirstSeenAt = DateTimeOffset.UtcNow;
        var model = new MaturityModelVersion { ModelId = Guid.NewGuid(), Name = DefaultMaturityModel.Name, CreatedAt = DateTimeOffset.UtcNow, Definition = DefaultMaturityModel.Create() };
        db.AddRange(
            new Device { ScopeKind = DeviceScopeKind.Machine, ScopeId = plant.Machine, ClientId = "c-" + owner.TenantId, Username = "u-" + owner.TenantId, PasswordHash = "$7$x" },
            new Team { Name = "OEE squad" }, new Product { Name = "Line 1 OEE" }, model,
            new MaturityAssessment
            {
                SiteId = plant.Site, ModelVersionId = model.Id, Title = "Plant 1 2026", Status = AssessmentStatus.Submitted, Assessors = ["Owner"],
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, SubmittedAt = DateTimeOffset.UtcNow,
            });
        await db.SaveChangesAsync(Ct);
    }

    private static async Task<string?> StartPageAsync(ApiSession session) =>
        (await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/account/start-page", Ct)).GetProperty("startPage").GetString();
}
