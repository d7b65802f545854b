using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Ingestion;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Ingestion;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Ingestion;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Maturity;

public sealed class MaturityEvidenceTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task TheFourFiguresComeFromStoredTelemetryAndSuggestAStage()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner); // line-1 with press-1
        await plant.WithoutShiftCalendarAsync(owner); // the whole window is planned, whenever the test runs
        await CreateAsync(owner, $"/api/v1/lines/{plant.Line}/machines", new { key = "press-2", name = "Press 2 (silent)" });
        await CreateAsync(owner, $"/api/v1/areas/{plant.Area}/lines", new { key = "line-2", name = "Line 2 (no machines)" });
        var device = (await plant.IssueCredentialsAsync(owner)).GetProperty("deviceId").GetGuid();

        // press-1 runs for the last 18 hours and counts parts; press-2 never reports.
        var now = DateTimeOffset.UtcNow;
        var press = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        IReadOnlyList<AcceptedTelemetry> messages =
            [press.State(now.AddHours(-18), MachineState.Running), press.Count(now.AddHours(-10), good: 400, scrap: 10), press.Count(now.AddHours(-2), good: 300)];
        var stored = await App.Services.GetRequiredService<ITelemetryStore>().StoreAsync(messages, TestContext.Current.CancellationToken);
        Assert.Equal(3, stored.Applied);
        await RefuseAsync(owner.TenantId, device, now.AddHours(-1)); // press-1's device: counts
        await RefuseAsync(owner.TenantId, Guid.NewGuid(), now.AddHours(-1)); // a device of no machine of this site
        await RefuseAsync(owner.TenantId, device, now.AddHours(-30)); // before the window

        var evidence = await owner.GetJsonAsync($"/api/v1/maturity/evidence/sites/{plant.Site}");

        var figures = evidence.GetProperty("figures");
        Assert.Equal(2, figures.GetProperty("machineCount").GetInt32());
        Assert.Equal(1, figures.GetProperty("reportingMachines").GetInt32());
        Assert.Equal(0.5, evidence.GetProperty("reportingShare").GetDouble());
        Assert.Equal(18.0 / 48, figures.GetProperty("dataCompleteness").GetDouble(), 0.005); // 18 h of 2 × 24 h
        Assert.Equal(3, figures.GetProperty("acceptedMessages").GetInt64());
        Assert.Equal(1, figures.GetProperty("refusedMessages").GetInt64());
        Assert.Equal(0.25, evidence.GetProperty("refusedRate").GetDouble());
        Assert.Equal(2, figures.GetProperty("lineCount").GetInt32());
        Assert.Equal(1, figures.GetProperty("linesWithOee").GetInt32());
        Assert.False(evidence.GetProperty("oeeOnEveryLine").GetBoolean());
        Assert.Equal("Developing", evidence.GetProperty("suggestions").GetProperty("Connectivity").GetProperty("stage").GetString());
        Assert.Equal("Developing", evidence.GetProperty("suggestions").GetProperty("Data").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task ASiteWithoutMachinesHasNoEvidenceAndIsNotStarted()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var site = await CreateAsync(owner, "/api/v1/sites", new { key = "empty", name = "Empty", timeZone = "UTC" });

        var evidence = await owner.GetJsonAsync($"/api/v1/maturity/evidence/sites/{site}");

        Assert.Equal(0, evidence.GetProperty("figures").GetProperty("machineCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, evidence.GetProperty("reportingShare").ValueKind);
        Assert.Equal("NotStarted", evidence.GetProperty("suggestions").GetProperty("Connectivity").GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/maturity/evidence/sites/{Guid.NewGuid()}")).StatusCode);
    }

    private async Task RefuseAsync(Guid tenantId, Guid deviceId, DateTimeOffset at)
    {
        await using var db = App.Database.Contexts.Create(DataScope.ForTenant(tenantId));
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
