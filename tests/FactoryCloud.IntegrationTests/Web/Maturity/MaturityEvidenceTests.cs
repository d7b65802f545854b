using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Maturity;

public sealed class MaturityEvidenceTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private readonly DatabaseServers _servers = servers;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheFiguresComeFromTheProductsOwnDataAndSuggestAStagePerDimension(DatabaseProvider provider)
    {
        var app = await _servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var plant = await TestPlant.CreateAsync(owner); // line-1 with press-1
        await plant.WithoutShiftCalendarAsync(owner); // the whole window is planned, whenever the test runs
        await CreateAsync(owner, $"/api/v1/lines/{plant.Line}/machines", new { key = "press-2", name = "Press 2 (silent)" });
        await CreateAsync(owner, $"/api/v1/areas/{plant.Area}/lines", new { key = "line-2", name = "Line 2 (no machines)" });
        var device = (await plant.IssueCredentialsAsync(owner)).GetProperty("deviceId").GetGuid();

        // press-1 runs for the last 18 hours, counts parts and meters energy; press-2 never reports.
        var now = DateTimeOffset.UtcNow;
        var press = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        IReadOnlyList<AcceptedTelemetry> messages =
        [
            press.State(now.AddHours(-18), MachineState.Running), press.Count(now.AddHours(-10), good: 400, scrap: 10), press.Count(now.AddHours(-2), good: 300),
            press.Energy(now.AddHours(-10), 5), press.Energy(now.AddHours(-2), 7), // increments: 12 kWh
        ];
        var stored = await app.Services.GetRequiredService<ITelemetryStore>().StoreAsync(messages, TestContext.Current.CancellationToken);
        Assert.Equal(5, stored.Applied);
        await RefuseAsync(app, owner.TenantId, device, now.AddHours(-1)); // press-1's device: counts
        await RefuseAsync(app, owner.TenantId, Guid.NewGuid(), now.AddHours(-1)); // a device of no machine of this site
        await RefuseAsync(app, owner.TenantId, device, now.AddHours(-30)); // before the window

        var evidence = await owner.GetJsonAsync($"/api/v1/maturity/evidence/sites/{plant.Site}");

        var connectivity = Dimension(evidence, "connectivity");
        Assert.Equal(1, Figure(connectivity, "machines-online"));
        Assert.Equal(0.5, Figure(connectivity, "streaming-share"));
        Assert.Equal(1.0 / 6, Figure(connectivity, "refused-rate")!.Value, 3); // 1 refusal in the window against 5 accepted messages
        Assert.Equal("Developing", connectivity.GetProperty("suggested").GetString());
        Assert.Contains("2 Developing: machines streaming ≥ 25 %.", connectivity.GetProperty("rule").EnumerateArray().Select(l => l.GetString()));
        Assert.False(connectivity.GetProperty("disagrees").GetBoolean()); // nothing self-assessed here

        var data = Dimension(evidence, "data");
        Assert.Equal(18.0 / 48, Figure(data, "data-completeness")!.Value, 0.005); // 18 h of 2 × 24 h
        Assert.Equal(0.5, Figure(data, "all-channels-share")); // press-1 sent state, count and measure
        Assert.Equal(0.5, Figure(data, "lines-with-oee-share"));
        Assert.Equal("Developing", data.GetProperty("suggested").GetString());

        var energy = Dimension(evidence, "energy");
        Assert.Equal(0.5, Figure(energy, "metering-share"));
        Assert.Equal(12.0 / 700, Figure(energy, "energy-per-unit")!.Value, 6);
        Assert.Equal("Developing", energy.GetProperty("suggested").GetString());

        var security = Dimension(evidence, "cybersecurity");
        Assert.Equal(1.0, Figure(security, "per-machine-credentials-share")); // one device, issued for one machine
        Assert.Equal(0.0, Figure(security, "stale-credentials-share"));
        Assert.True(Figure(security, "audit-entries") >= 2); // the sign-in and the issued credentials
        Assert.Equal(0.0, Figure(security, "two-factor-required")); // the organisation does not require it (TwoFactorTests sets it)

        Assert.Equal("NotStarted", Dimension(evidence, "culture").GetProperty("suggested").GetString()); // no team
        Assert.Equal("NotStarted", Dimension(evidence, "strategy").GetProperty("suggested").GetString()); // no target
        Assert.True(Dimension(evidence, "skills").GetProperty("noDataInProduct").GetBoolean());
        Assert.Equal(JsonValueKind.Null, Dimension(evidence, "digital-twin").GetProperty("suggested").ValueKind);
    }

    [Fact]
    public async Task AnAssessmentsEvidenceFlagsASelfAssessmentMoreThanOneStageFromTheData()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner); // one machine that never reported
        var id = await owner.CreateAssessmentAsync("Plant 1", plant.Site);
        Assert.True((await owner.AnswerAsync(id, "connectivity", 4)).IsSuccessStatusCode);
        Assert.True((await owner.AnswerAsync(id, "analytics", 2)).IsSuccessStatusCode);

        var evidence = await owner.GetJsonAsync($"/api/v1/maturity/assessments/{id}/evidence");

        var connectivity = Dimension(evidence, "connectivity");
        Assert.Equal("AdHoc", connectivity.GetProperty("suggested").GetString()); // onboarded, nothing streams
        Assert.Equal("Advanced", connectivity.GetProperty("selfAssessed").GetString());
        Assert.True(connectivity.GetProperty("disagrees").GetBoolean());
        Assert.False(Dimension(evidence, "analytics").GetProperty("disagrees").GetBoolean()); // 2 against Ad hoc: one stage
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/maturity/assessments/{Guid.NewGuid()}/evidence")).StatusCode);
    }

    [Fact]
    public async Task AModelsTunedThresholdChangesTheSuggestion()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var id = await owner.CreateAssessmentAsync("Plant 1", plant.Site);
        var model = (await owner.GetJsonAsync($"/api/v1/maturity/assessments/{id}")).GetProperty("model");
        var definition = Domain.Maturity.DefaultMaturityModel.Create(); // what the assessment's model holds
        definition.Find("connectivity")!.EvidenceThresholds["streaming-share.2"] = 0; // Developing once any machine is onboarded

        var bad = definition.Copy();
        bad.Find("connectivity")!.EvidenceThresholds["streaming-share.3"] = 2;
        var refused = await owner.Client.PostAsJsonAsync($"/api/v1/maturity/model-versions/{model.GetProperty("id")}/next", new { name = "Tuned", definition = bad });
        var errors = await MaturityApiClient.ErrorsOfAsync(refused);
        Assert.Equal("A share is between 0 and 1.", errors.EnumerateObject().Single(e => e.Name.EndsWith("EvidenceThresholds[streaming-share.3]", StringComparison.Ordinal)).Value[0].GetString());

        var saved = await owner.Client.PostAsJsonAsync($"/api/v1/maturity/model-versions/{model.GetProperty("id")}/next", new { name = "Tuned", definition });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);

        var evidence = await owner.GetJsonAsync($"/api/v1/maturity/evidence/sites/{plant.Site}"); // the latest version
        Assert.Equal("Developing", Dimension(evidence, "connectivity").GetProperty("suggested").GetString());
        Assert.Contains("2 Developing: machines streaming ≥ 0 %.", Dimension(evidence, "connectivity").GetProperty("rule").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task AnotherTenantCannotReadThisTenantsEvidenceNorCountsItsData()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var id = await owner.CreateAssessmentAsync("Plant 1", plant.Site);
        await plant.IssueCredentialsAsync(owner);
        var stranger = await ApiSession.SignUpAsync(App);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/api/v1/maturity/evidence/sites/{plant.Site}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/api/v1/maturity/assessments/{id}/evidence")).StatusCode);
        var theirs = await stranger.GetJsonAsync("/api/v1/maturity/evidence/organisation");
        Assert.Equal("NotStarted", Dimension(theirs, "connectivity").GetProperty("suggested").GetString());
        Assert.Null(Figure(Dimension(theirs, "cybersecurity"), "per-machine-credentials-share")); // no credentials of theirs
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync($"/api/v1/maturity/evidence/sites/{plant.Site}")).StatusCode);
    }

    [Fact]
    public async Task ASiteWithoutMachinesIsNotStartedAndAnUnknownSiteIsNotFound()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var site = await CreateAsync(owner, "/api/v1/sites", new { key = "empty", name = "Empty", timeZone = "UTC" });

        var evidence = await owner.GetJsonAsync($"/api/v1/maturity/evidence/sites/{site}");

        Assert.Null(Figure(Dimension(evidence, "connectivity"), "streaming-share"));
        Assert.Equal("NotStarted", Dimension(evidence, "connectivity").GetProperty("suggested").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/maturity/evidence/sites/{Guid.NewGuid()}")).StatusCode);
    }

    private static JsonElement Dimension(JsonElement evidence, string key) =>
        evidence.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("key").GetString() == key);

    private static double? Figure(JsonElement dimension, string key)
    {
        var value = dimension.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("key").GetString() == key).GetProperty("value");
        return value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();
    }

    private static async Task RefuseAsync(FactoryCloudApp app, Guid tenantId, Guid deviceId, DateTimeOffset at)
    {
        await using var db = app.Database.Contexts.Create(DataScope.ForTenant(tenantId));
        db.IngestionRefusals.Add(new IngestionRefusal
        {
            DeviceId = deviceId, Reason = RefusalReason.InvalidJson, Topic = "fc/v1/x/plant-1/assembly/line-1/press-1/count",
            Detail = "not JSON", PayloadExcerpt = "{", At = at,
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<Guid> CreateAsync(ApiSession owner, string url, object body)
    {
        var response = await owner.Client.PostAsJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
