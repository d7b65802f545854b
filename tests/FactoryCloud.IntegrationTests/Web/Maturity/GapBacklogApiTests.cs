using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using FactoryCloud.IntegrationTests.Web.Tenancy;

namespace FactoryCloud.IntegrationTests.Web.Maturity;

/// <summary>From gap to backlog: chosen gaps become linked epics with suggested stories, shown on results and portfolio.</summary>
public sealed class GapBacklogApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private static readonly string[] TwoGaps = ["connectivity", "analytics"];
    private static readonly string[] Connectivity = ["connectivity"];

    [Fact]
    public async Task TwoChosenGapsBecomeLinkedEpicsWithStoriesAndCountAsOpenWorkInThePortfolio()
    {
        var (owner, product, assessment) = await AssessedWithGapsAsync();
        await owner.AnswerAsync(assessment, "analytics", 1, 3, "2027-06-30");

        var response = await owner.Client.PostAsJsonAsync($"/api/v1/maturity/assessments/{assessment}/backlog",
            new { productId = product.Id, dimensions = TwoGaps });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var epics = (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
        Assert.Equal(2, epics.Length);
        Assert.All(epics, e => Assert.Equal("Epic", e.GetProperty("type").GetString()));
        var work = (await owner.GetJsonAsync($"/api/v1/maturity/assessments/{assessment}/work")).EnumerateArray().ToList();
        Assert.Equal(["analytics", "connectivity"], work.Select(w => w.GetProperty("dimensionKey").GetString()).Distinct().Order());
        var hierarchy = await owner.GetJsonAsync($"/api/v1/products/{product.Id}/hierarchy?includeClosed=true");
        Assert.Contains("Epic", hierarchy.ToString(), StringComparison.Ordinal);
        Assert.Contains("Story", hierarchy.ToString(), StringComparison.Ordinal); // the suggested stories under the epics

        var portfolio = (await owner.GetJsonAsync("/api/v1/maturity/portfolio")).EnumerateArray().Single();
        Assert.Equal(2, portfolio.GetProperty("openImprovementWork").GetInt32());
    }

    [Fact]
    public async Task NoChosenGapOrAnotherTenantsAssessmentIsRefused()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var product = await TestProduct.CreateAsync(owner);
        var assessment = await owner.CreateAssessmentAsync("Plant 1 2026", plant.Site);

        var empty = await owner.Client.PostAsJsonAsync($"/api/v1/maturity/assessments/{assessment}/backlog", new { productId = product.Id, dimensions = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        var other = await ApiSession.SignUpAsync(App);
        var foreign = await other.Client.PostAsJsonAsync($"/api/v1/maturity/assessments/{assessment}/backlog", new { productId = product.Id, dimensions = Connectivity });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task TheSameRequestTwiceIsRefusedWith409NamingTheEpicsAndCreatesNothingMore()
    {
        var (owner, product, assessment) = await AssessedWithGapsAsync();
        var request = new { productId = product.Id, dimensions = Connectivity };
        var first = await owner.Client.PostAsJsonAsync($"/api/v1/maturity/assessments/{assessment}/backlog", request);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var epic = (await first.Content.ReadFromJsonAsync<JsonElement[]>())!.Single();
        var before = (await owner.GetJsonAsync($"/api/v1/maturity/assessments/{assessment}/work")).GetArrayLength();

        var repeat = await owner.Client.PostAsJsonAsync($"/api/v1/maturity/assessments/{assessment}/backlog", request);

        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
        var detail = (await repeat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Contains(epic.GetProperty("title").GetString()!, detail, StringComparison.Ordinal);
        Assert.Contains(epic.GetProperty("id").GetString()!, detail, StringComparison.Ordinal);
        Assert.Equal(before, (await owner.GetJsonAsync($"/api/v1/maturity/assessments/{assessment}/work")).GetArrayLength());
    }

    [Fact]
    public async Task TheWorkOfAnUnknownOrAnotherTenantsAssessmentIsNotFound()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var assessment = await owner.CreateAssessmentAsync("Plant 1 2026", plant.Site);
        var other = await ApiSession.SignUpAsync(App);

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"/api/v1/maturity/assessments/{assessment}/work")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/maturity/assessments/{Guid.NewGuid()}/work")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/maturity/assessments/{assessment}/work")).StatusCode);
    }

    /// <summary>An organisation with a product and an assessment at stage 2 everywhere, connectivity aiming for 4.</summary>
    private async Task<(ApiSession Owner, TestProduct Product, Guid Assessment)> AssessedWithGapsAsync()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var product = await TestProduct.CreateAsync(owner, "Digital plant");
        var assessment = await owner.CreateAssessmentAsync("Plant 1 2026", plant.Site);
        await owner.AnswerAllAsync(assessment, stage: 2);
        await owner.AnswerAsync(assessment, "connectivity", 2, 4, "2027-03-31");
        return (owner, product, assessment);
    }
}
