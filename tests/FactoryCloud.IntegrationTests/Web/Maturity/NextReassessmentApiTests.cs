using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Tenancy;

namespace FactoryCloud.IntegrationTests.Web.Maturity;

/// <summary>
/// The next re-assessment date (<c>PUT /maturity/assessments/{id}/next-reassessment</c>): an Owner or Admin sets it on
/// the site's assessment, the program view shows it, and clearing it goes back to the computed date.
/// </summary>
public sealed class NextReassessmentApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private readonly DatabaseServers _servers = servers;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AnOwnerSetsTheNextReassessmentAndTheProgramShowsItUntilItIsCleared(DatabaseProvider provider)
    {
        var app = await _servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var plant = await TestPlant.CreateAsync(owner);
        var assessment = await owner.CreateAssessmentAsync("Plant 1 now", plant.Site);
        await owner.AnswerAllAsync(assessment, stage: 2);
        Assert.Equal(HttpStatusCode.OK, (await owner.MoveAsync(assessment, "Submitted")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.MoveAsync(assessment, "Approved")).StatusCode);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var computed = today.AddMonths(6).ToString("yyyy-MM-dd");
        Assert.Equal((computed, false), Next(await SiteAsync(owner)));
        var chosen = today.AddDays(45).ToString("yyyy-MM-dd");

        // Approved assessments are read-only, but the next date is a plan, not an answer: it can still be set.
        var set = await owner.Client.PutAsJsonAsync($"/api/v1/maturity/assessments/{assessment}/next-reassessment", new { date = chosen }, Ct);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var body = await set.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((chosen, true), (body.GetProperty("due").GetString(), body.GetProperty("isSet").GetBoolean()));
        Assert.Equal((chosen, true), Next(await SiteAsync(owner)));
        var timeline = (await SiteAsync(owner)).GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "Reassessment");
        Assert.Equal(chosen, timeline.GetProperty("date").GetString());

        var cleared = await owner.Client.PutAsJsonAsync($"/api/v1/maturity/assessments/{assessment}/next-reassessment", new { date = (string?)null }, Ct);

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal((computed, false), Next(await SiteAsync(owner)));
    }

    [Fact]
    public async Task ADateOutsideTheAssessmentsSpanOrNoDateAtAllIsRefused()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var assessment = await owner.CreateAssessmentAsync("Plant 1 now", plant.Site);
        var url = $"/api/v1/maturity/assessments/{assessment}/next-reassessment";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var before = await owner.Client.PutAsJsonAsync(url, new { date = today.AddDays(-2).ToString("yyyy-MM-dd") }, Ct);
        var tooFar = await owner.Client.PutAsJsonAsync(url, new { date = today.AddYears(6).ToString("yyyy-MM-dd") }, Ct);
        var garbage = await owner.Client.PutAsJsonAsync(url, new { date = "<script>alert(1)</script>" }, Ct);
        var notJson = await owner.Client.PutAsync(url, new StringContent("{{{", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        Assert.Contains("cannot come before", (await MaturityApiClient.ErrorsOfAsync(before)).GetProperty("Date")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.False(Next(await SiteAsync(owner)).IsSet);
    }

    [Fact]
    public async Task OnlyOwnersAndAdminsOfTheTenantSetItAndASignInIsNeeded()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var assessment = await owner.CreateAssessmentAsync("Plant 1 now", plant.Site);
        var url = $"/api/v1/maturity/assessments/{assessment}/next-reassessment";
        var body = new { date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd") };
        var stranger = await ApiSession.SignUpAsync(App);
        var teamMember = await owner.AddMemberAsync(App, "TeamMember");
        var viewer = await owner.AddMemberAsync(App, "Viewer");
        var admin = await owner.AddMemberAsync(App, "Admin");

        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().PutAsJsonAsync(url, body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.PutAsJsonAsync(url, body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await teamMember.Client.PutAsJsonAsync(url, body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PutAsJsonAsync(url, body, Ct)).StatusCode);
        Assert.False(Next(await SiteAsync(owner)).IsSet); // nobody above changed it
        Assert.Empty((await stranger.GetJsonAsync("/api/v1/program")).GetProperty("sites").EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PutAsJsonAsync(url, body, Ct)).StatusCode);
        Assert.Equal((body.date, true), Next(await SiteAsync(owner)));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> SiteAsync(ApiSession owner) => (await owner.GetJsonAsync("/api/v1/program")).GetProperty("sites").EnumerateArray().Single();

    private static (string? Due, bool IsSet) Next(JsonElement site) =>
        (site.GetProperty("nextAssessmentDue").GetString(), site.GetProperty("nextAssessmentSet").GetBoolean());
}
