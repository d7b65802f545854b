using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Tenancy;

namespace FactoryCloud.IntegrationTests.Web.Maturity;

public sealed class MaturityAssessmentApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task AnOwnerAssessesAPlantSubmitsAndApprovesItAndTheApprovedAssessmentIsReadOnly()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var id = await owner.CreateAssessmentAsync("Plant 1 2026", plant.Site);

        await owner.AnswerAllAsync(id, stage: 2);
        Assert.Equal(HttpStatusCode.OK, (await owner.AnswerAsync(id, "strategy", 4, 5, "2027-03-31")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.MoveAsync(id, "Submitted")).StatusCode);
        var approved = await (await owner.MoveAsync(id, "Approved")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Approved", approved.GetProperty("status").GetString());
        Assert.Equal("Plant 1", approved.GetProperty("scopeName").GetString());
        // Weights sum to 11.75; strategy (1.5) at 4, the rest (10.25) at 2.
        Assert.Equal(((1.5 * 4) + (10.25 * 2)) / 11.75, approved.GetProperty("overallScore").GetDouble(), 9);
        Assert.Equal("Developing", approved.GetProperty("overallStage").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await owner.AnswerAsync(id, "strategy", 5)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.MoveAsync(id, "Draft")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.Client.DeleteAsync($"/api/v1/maturity/assessments/{id}")).StatusCode);

        var detail = await owner.GetJsonAsync($"/api/v1/maturity/assessments/{id}");
        Assert.Equal(10, detail.GetProperty("answers").GetArrayLength());
        Assert.Equal(["Ada", "Grace"], detail.GetProperty("summary").GetProperty("assessors").EnumerateArray().Select(a => a.GetString()));
        Assert.NotNull(detail.GetProperty("approvedBy").GetString());
    }

    [Fact]
    public async Task ResultsGiveGapsPrioritiesTheRoadmapAndTheHistoryOfTheSite()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var first = await owner.CreateAssessmentAsync("2025", plant.Site);
        await owner.AnswerAllAsync(first, stage: 1);
        await owner.MoveAsync(first, "Submitted");
        await owner.MoveAsync(first, "Approved");
        var second = await owner.CreateAssessmentAsync("2026", plant.Site);
        await owner.AnswerAllAsync(second, stage: 3);
        await owner.AnswerAsync(second, "connectivity", 1, 4, "2027-01-15");

        var results = await owner.GetJsonAsync($"/api/v1/maturity/assessments/{second}/results");

        var connectivity = results.GetProperty("score").GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("key").GetString() == "connectivity");
        Assert.Equal(3, connectivity.GetProperty("gap").GetInt32());
        var top = results.GetProperty("priorities")[0];
        Assert.Equal("connectivity", top.GetProperty("dimension").GetProperty("key").GetString());
        Assert.Equal(4.5, top.GetProperty("priority").GetDouble());
        Assert.Equal("DoFirst", top.GetProperty("quadrant").GetString());
        Assert.Equal("2027 Q1", results.GetProperty("roadmap")[0].GetProperty("period").GetString());
        Assert.Equal(["2025", "2026"], results.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("title").GetString()));
        Assert.Equal(1.0, results.GetProperty("history")[0].GetProperty("overallScore").GetDouble(), 9);

        var csv = await owner.Client.GetStringAsync($"/api/v1/maturity/assessments/{second}/results.csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(11, lines.Length);
        Assert.Contains("2026,Plant 1,Draft,Connectivity and IIoT,Technology,1.5,1,4,3,2027-01-15,High,4.5", lines);
    }

    [Fact]
    public async Task AnAssessmentTitleThatLooksLikeAFormulaIsExportedAsText()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var id = await owner.CreateAssessmentAsync("=HYPERLINK(\"http://evil.example\",\"Details\")", siteId: null);
        await owner.AnswerAsync(id, "strategy", 2);

        var csv = await owner.Client.GetStringAsync($"/api/v1/maturity/assessments/{id}/results.csv");

        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.StartsWith("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Details\"\")\",", row, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubmittingNeedsEveryDimensionAnswered()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var id = await owner.CreateAssessmentAsync("Organisation 2026", siteId: null);
        await owner.AnswerAsync(id, "strategy", 2);

        var errors = await MaturityApiClient.ErrorsOfAsync(await owner.MoveAsync(id, "Submitted"));

        Assert.Contains("1 of 10", errors.GetProperty("Status")[0].GetString());
    }

    [Fact]
    public async Task BadInputAnswersProblemDetailsAndSavesNothing()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var id = await owner.CreateAssessmentAsync("Organisation", siteId: null);

        var below = await MaturityApiClient.ErrorsOfAsync(await owner.AnswerAsync(id, "strategy", 4, 2));
        Assert.True(below.TryGetProperty("TargetStage", out _));
        var link = await MaturityApiClient.ErrorsOfAsync(await owner.AnswerAsync(id, "strategy", 2, links: ["not a link"]));
        Assert.True(link.TryGetProperty("EvidenceLinks", out _));
        var title = await MaturityApiClient.ErrorsOfAsync(await owner.Client.PostAsJsonAsync("/api/v1/maturity/assessments", new { title = "" }));
        Assert.True(title.TryGetProperty("Title", out _));
        var site = await MaturityApiClient.ErrorsOfAsync(await owner.Client.PostAsJsonAsync("/api/v1/maturity/assessments", new { title = "X", siteId = Guid.NewGuid() }));
        Assert.True(site.TryGetProperty("SiteId", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.AnswerAsync(id, "no-such-dimension", 2)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.GetAsync($"/api/v1/maturity/compare?ids={id},nonsense")).StatusCode);

        var detail = await owner.GetJsonAsync($"/api/v1/maturity/assessments/{id}");
        Assert.Equal(0, detail.GetProperty("answers").GetArrayLength());
    }

    [Fact]
    public async Task AnotherTenantGets404ForEverythingOfThisTenant()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var id = await owner.CreateAssessmentAsync("Plant 1", plant.Site);
        var other = await owner.CreateAssessmentAsync("Organisation", null);
        var version = (await owner.GetJsonAsync($"/api/v1/maturity/assessments/{id}")).GetProperty("model").GetProperty("id").GetGuid();
        var stranger = await ApiSession.SignUpAsync(App);

        foreach (var url in new[]
                 {
                     $"/api/v1/maturity/assessments/{id}", $"/api/v1/maturity/assessments/{id}/results", $"/api/v1/maturity/assessments/{id}/results.csv",
                     $"/api/v1/maturity/model-versions/{version}", $"/api/v1/maturity/evidence/sites/{plant.Site}", $"/api/v1/maturity/compare?ids={id},{other}",
                     $"/api/v1/maturity/assessments/{id}/evidence",
                 })
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.AnswerAsync(id, "strategy", 2)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.MoveAsync(id, "Submitted")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.PutAsJsonAsync($"/api/v1/maturity/assessments/{id}", new { title = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.DeleteAsync($"/api/v1/maturity/assessments/{id}")).StatusCode);
        var response = await stranger.Client.PostAsJsonAsync($"/api/v1/maturity/model-versions/{version}/next", new { name = "x", definition = DefaultMaturityModel.Create() });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, (await stranger.GetJsonAsync("/api/v1/maturity/assessments")).GetArrayLength());
        Assert.Equal(0, (await stranger.GetJsonAsync("/api/v1/maturity/portfolio")).GetArrayLength());
    }

    [Fact]
    public async Task AViewerReadsButCannotWriteAndOnlyOwnersAndAdminsApprove()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var id = await owner.CreateAssessmentAsync("Plant 1", plant.Site);
        await owner.AnswerAllAsync(id, stage: 2);
        var viewer = await owner.AddMemberAsync(App, "Viewer");
        var member = await owner.AddMemberAsync(App, "TeamMember");

        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync($"/api/v1/maturity/assessments/{id}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.AnswerAsync(id, "strategy", 3)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.MoveAsync(id, "Submitted")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsJsonAsync("/api/v1/maturity/assessments", new { title = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsJsonAsync("/api/v1/maturity/models", new { })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await member.AnswerAsync(id, "strategy", 3)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.MoveAsync(id, "Submitted")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.MoveAsync(id, "Approved")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Client.PostAsJsonAsync("/api/v1/maturity/models", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.MoveAsync(id, "Approved")).StatusCode);
    }

    [Fact]
    public async Task ComparingTwoPlantsShowsEachPlantsStagePerDimensionAndThePortfolioListsBoth()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var north = await TestPlant.CreateAsync(owner);
        var southSite = (await (await owner.Client.PostAsJsonAsync("/api/v1/sites", new { key = "plant-2", name = "Plant 2", timeZone = "UTC" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var a = await owner.CreateAssessmentAsync("North", north.Site);
        await owner.AnswerAllAsync(a, 3);
        var b = await owner.CreateAssessmentAsync("South", southSite);
        await owner.AnswerAllAsync(b, 1);
        await owner.MoveAsync(b, "Submitted");
        await owner.MoveAsync(b, "Approved");

        var comparison = await owner.GetJsonAsync($"/api/v1/maturity/compare?ids={a},{b}");

        Assert.Equal(["Plant 1", "Plant 2"], comparison.GetProperty("assessments").EnumerateArray().Select(x => x.GetProperty("scopeName").GetString()));
        var strategy = comparison.GetProperty("rows")[0];
        Assert.Equal(["Established", "AdHoc"], strategy.GetProperty("stages").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(2, strategy.GetProperty("spread").GetInt32());

        var portfolio = await owner.GetJsonAsync("/api/v1/maturity/portfolio");
        Assert.Equal(["Plant 1", "Plant 2"], portfolio.EnumerateArray().Select(r => r.GetProperty("siteName").GetString()));
        Assert.Equal("Established", portfolio[0].GetProperty("stage").GetString());
        Assert.Equal("Approved", portfolio[1].GetProperty("status").GetString());
        Assert.Equal(10, portfolio[1].GetProperty("openGaps").GetInt32());
        Assert.Equal(0, portfolio[1].GetProperty("openImprovementWork").GetInt32());
    }
}
