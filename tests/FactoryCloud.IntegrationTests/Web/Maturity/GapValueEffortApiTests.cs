using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Maturity;

/// <summary>The priority matrix's second axis: expected value per gap from cost rates and losses, against the story points under its epics.</summary>
public sealed class GapValueEffortApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private readonly DatabaseServers _servers = servers;
    private static readonly string[] TwoGaps = ["connectivity", "analytics"];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task GapsAreValuedFromCostRatesAndLossesAndPlacedAgainstTheirEpicsPoints(DatabaseProvider provider)
    {
        var app = await _servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PutAsJsonAsync($"/api/v1/sites/{plant.Site}/cost-rates",
            new { currency = "EUR", downtimePerHour = 1000m, scrapPerUnit = 5m, energyPerKwh = 0.2m })).StatusCode);
        // The press was down for a day 25 days ago and has run since: losses to win back.
        var hour = DateTimeOffset.UtcNow.AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerHour));
        var press = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        await app.Services.GetRequiredService<ITelemetryStore>().StoreAsync(
            [press.State(hour.AddDays(-25), MachineState.Down), press.State(hour.AddDays(-24), MachineState.Running)], TestContext.Current.CancellationToken);

        var product = await TestProduct.CreateAsync(owner, "Digital plant");
        var assessment = await owner.CreateAssessmentAsync("Plant 1 2026", plant.Site);
        await owner.AnswerAllAsync(assessment, stage: 2); // every target one stage up
        await owner.AnswerAsync(assessment, "connectivity", 2, 4, "2027-06-30");
        Assert.Equal(HttpStatusCode.Created, (await owner.Client.PostAsJsonAsync($"/api/v1/maturity/assessments/{assessment}/backlog",
            new { productId = product.Id, dimensions = TwoGaps })).StatusCode);
        // Analytics gets an estimated story; connectivity's suggested stories stay without points.
        var analyticsEpic = (await owner.GetJsonAsync($"/api/v1/maturity/assessments/{assessment}/work")).EnumerateArray()
            .Single(w => w.GetProperty("dimensionKey").GetString() == "analytics" && w.GetProperty("type").GetString() == "Epic").GetProperty("workItemId").GetGuid();
        var feature = await product.AddAsync("Alarm review", "Feature", parentId: analyticsEpic);
        await product.AddAsync("Review the top alarms weekly", "Story", estimate: 5, parentId: feature);

        var matrix = await owner.GetJsonAsync($"/api/v1/maturity/assessments/{assessment}/value-effort");

        var gaps = matrix.GetProperty("gaps").EnumerateArray().ToDictionary(g => g.GetProperty("dimensionKey").GetString()!);
        Assert.Equal(10, gaps.Count); // every dimension has a gap
        var analytics = gaps["analytics"];
        Assert.Equal(("QuickWin", 5.0), (analytics.GetProperty("quadrant").GetString(), analytics.GetProperty("storyPoints").GetDouble()));
        Assert.Equal("EUR", analytics.GetProperty("currency").GetString());
        var connectivity = gaps["connectivity"];
        Assert.Equal("NotEstimated", connectivity.GetProperty("quadrant").GetString());
        Assert.Equal(JsonValueKind.Null, connectivity.GetProperty("storyPoints").ValueKind);
        Assert.Equal(1, connectivity.GetProperty("epics").GetInt32());
        // Analytics: 1 stage × 1.5 points; connectivity: 2 stages × 1 point, of the same planned hours (no counts, so no scrap).
        var ratio = analytics.GetProperty("expectedPerMonth").GetDecimal() / connectivity.GetProperty("expectedPerMonth").GetDecimal();
        Assert.InRange(ratio, 0.749m, 0.751m);
        Assert.True(connectivity.GetProperty("expectedPerMonth").GetDecimal() > 0);
        Assert.Equal(("NotEstimated", 0), (gaps["data"].GetProperty("quadrant").GetString(), gaps["data"].GetProperty("epics").GetInt32()));
        Assert.Equal("NotValued", gaps["strategy"].GetProperty("quadrant").GetString());
        Assert.Equal("This dimension moves no KPI FactoryCloud values in money.", gaps["strategy"].GetProperty("valueExplanation").GetString());
    }

    [Fact]
    public async Task WithoutCostRatesNothingIsValuedAndTheReasonIsGiven()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var assessment = await owner.CreateAssessmentAsync("Plant 1 2026", plant.Site);
        await owner.AnswerAsync(assessment, "connectivity", 1, 3);

        var gap = (await owner.GetJsonAsync($"/api/v1/maturity/assessments/{assessment}/value-effort")).GetProperty("gaps").EnumerateArray().Single();

        Assert.Equal(("NotValued", "No cost rates are set for this site."), (gap.GetProperty("quadrant").GetString(), gap.GetProperty("valueExplanation").GetString()));
    }

    [Fact]
    public async Task AnotherTenantsOrAnUnknownAssessmentIsNotFoundAndASignInIsNeeded()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var assessment = await owner.CreateAssessmentAsync("Plant 1 2026", plant.Site);
        var other = await ApiSession.SignUpAsync(App);

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/maturity/assessments/{assessment}/value-effort")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/maturity/assessments/{Guid.NewGuid()}/value-effort")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync("/api/v1/maturity/assessments/'%20or%201=1--/value-effort")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync($"/api/v1/maturity/assessments/{assessment}/value-effort")).StatusCode);
    }
}
