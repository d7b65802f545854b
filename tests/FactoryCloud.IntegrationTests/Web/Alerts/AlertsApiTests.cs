using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Tenancy;

namespace FactoryCloud.IntegrationTests.Web.Alerts;

public sealed class AlertsApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private readonly DatabaseServers _servers = servers;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task StoredTelemetryRaisesAnAlertWhichIsAcknowledgedAndThenClearedWhenTheMachineRunsAgain(DatabaseProvider provider)
    {
        var scenario = await AlertScenario.CreateAsync(await _servers.AppAsync(provider));

        var raised = await scenario.RaiseAsync();
        Assert.Equal("Press down", raised.GetProperty("ruleName").GetString());
        Assert.Equal("Press 1", raised.GetProperty("machineName").GetString());
        Assert.Equal("Down for 3 min (jam)", raised.GetProperty("detail").GetString());

        // More data for the machine while it is still down: re-evaluated, not duplicated.
        await scenario.StoreAsync(scenario.Device.Count(DateTimeOffset.UtcNow.AddMinutes(-1), good: 3));
        var id = raised.GetProperty("id").GetGuid();
        var acknowledged = await scenario.Owner.Client.PostAsync($"/api/v1/alerts/{id}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var body = await acknowledged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Acknowledged", body.GetProperty("status").GetString());
        Assert.Equal(scenario.Owner.Email, body.GetProperty("acknowledgedBy").GetString());
        Assert.Single(await scenario.ListAsync());
        Assert.Single(await scenario.ListAsync("acknowledged"));

        await scenario.StoreAsync(scenario.Device.State(DateTimeOffset.UtcNow, MachineState.Running));

        var closed = await scenario.WaitForAsync("closed", alerts => alerts.Length == 1);
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("closedBy").ValueKind); // cleared, not closed by a user
        Assert.NotEqual(JsonValueKind.Null, closed.GetProperty("clearedAt").ValueKind);
        Assert.Equal(scenario.Owner.Email, closed.GetProperty("acknowledgedBy").GetString());
        Assert.Empty(await scenario.ListAsync("open"));
        Assert.Empty(await scenario.ListAsync("acknowledged"));
    }

    [Fact]
    public async Task AUserClosesAnAlertOnceAndAcknowledgingItAfterwardsConflicts()
    {
        var scenario = await AlertScenario.CreateAsync(App);
        var id = (await scenario.RaiseAsync()).GetProperty("id").GetGuid();
        var client = scenario.Owner.Client;

        var closed = await client.PostAsync($"/api/v1/alerts/{id}/close", null);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(scenario.Owner.Email, (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("closedBy").GetString());

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/v1/alerts/{id}/close", null)).StatusCode);
        var acknowledge = await client.PostAsync($"/api/v1/alerts/{id}/acknowledge", null);
        Assert.Equal(HttpStatusCode.Conflict, acknowledge.StatusCode);
        Assert.Equal("application/problem+json", acknowledge.Content.Headers.ContentType?.MediaType);
        Assert.Single(await scenario.ListAsync("closed"));
    }

    [Fact]
    public async Task RulesAreCreatedReadChangedAndDeleted()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);

        var created = await owner.Client.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Low OEE", kind = "OeeBelow", scopeKind = "Line", scopeId = plant.Line, durationMinutes = 60, threshold = 65, measureName = "ignored",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rule = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = rule.GetProperty("id").GetGuid();
        Assert.Equal("Line 1", rule.GetProperty("scopeName").GetString());
        Assert.Equal("OEE below 65 % over 60 min", rule.GetProperty("condition").GetString());
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("measureName").ValueKind);

        var changed = await owner.Client.PutAsJsonAsync($"/api/v1/alert-rules/{id}", new
        {
            name = "Hot press", kind = "MeasureAbove", scopeKind = "Machine", scopeId = plant.Machine, durationMinutes = 5, threshold = 90.5,
            measureName = "temperature_c", enabled = false,
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var read = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/alert-rules/{id}", TestContext.Current.CancellationToken);
        Assert.Equal("temperature_c above 90.5 for 5 min", read.GetProperty("condition").GetString());
        Assert.Equal("Press 1", read.GetProperty("scopeName").GetString());
        Assert.False(read.GetProperty("enabled").GetBoolean());
        Assert.Single((await owner.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/alert-rules", TestContext.Current.CancellationToken))!);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/alert-rules/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/alert-rules/{id}")).StatusCode);
    }

    [Fact]
    public async Task InvalidRulesAnswer400WithFieldErrorsAndSaveNothing()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var other = await TestPlant.CreateAsync(await ApiSession.SignUpAsync(App));

        await AssertInvalidAsync(owner, new { name = "", kind = "MachineDown", scopeKind = "Site", scopeId = plant.Site, durationMinutes = 5 }, "Name");
        await AssertInvalidAsync(owner, new { name = "x", kind = "MachineDown", scopeKind = "Site", scopeId = plant.Site, durationMinutes = 0 }, "DurationMinutes");
        await AssertInvalidAsync(owner, new { name = "x", kind = "OeeBelow", scopeKind = "Site", scopeId = plant.Site, durationMinutes = 60 }, "Threshold");
        await AssertInvalidAsync(owner, new { name = "x", kind = "MeasureBelow", scopeKind = "Site", scopeId = plant.Site, durationMinutes = 5, threshold = 1 }, "MeasureName");
        await AssertInvalidAsync(owner, new { name = "x", kind = "NoData", scopeKind = "Site", durationMinutes = 5 }, "ScopeId");
        await AssertInvalidAsync(owner, new { name = "x", kind = "NoData", scopeKind = "Line", scopeId = plant.Site, durationMinutes = 5 }, "ScopeId");
        await AssertInvalidAsync(owner, new { name = "x", kind = "NoData", scopeKind = "Site", scopeId = other.Site, durationMinutes = 5 }, "ScopeId");
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.GetAsync("/api/v1/alerts?status=snoozed")).StatusCode);

        Assert.Empty((await owner.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/alert-rules", TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task AnotherTenantsRulesAndAlertsAnswer404()
    {
        var scenario = await AlertScenario.CreateAsync(App);
        var alert = (await scenario.RaiseAsync()).GetProperty("id").GetGuid();
        var tenantB = await ApiSession.SignUpAsync(App);
        var rule = scenario.RuleId;

        Assert.Equal(HttpStatusCode.NotFound, (await tenantB.Client.GetAsync($"/api/v1/alert-rules/{rule}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenantB.Client.PutAsJsonAsync($"/api/v1/alert-rules/{rule}", new
        {
            name = "Mine now", kind = "NoData", scopeKind = "Site", scopeId = scenario.Plant.Site, durationMinutes = 5,
        })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenantB.Client.DeleteAsync($"/api/v1/alert-rules/{rule}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenantB.Client.GetAsync($"/api/v1/alerts/{alert}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenantB.Client.PostAsync($"/api/v1/alerts/{alert}/acknowledge", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenantB.Client.PostAsync($"/api/v1/alerts/{alert}/close", null)).StatusCode);
        Assert.Empty((await tenantB.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/alerts", TestContext.Current.CancellationToken))!);
        Assert.Empty((await tenantB.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/alert-rules", TestContext.Current.CancellationToken))!);

        Assert.Equal("Open", (await scenario.ListAsync()).Single().GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await scenario.Owner.Client.GetAsync($"/api/v1/alert-rules/{rule}")).StatusCode);
    }

    [Fact]
    public async Task AViewerReadsRulesAndAlertsButGets403OnEveryWrite()
    {
        var scenario = await AlertScenario.CreateAsync(App);
        var alert = (await scenario.RaiseAsync()).GetProperty("id").GetGuid();
        var viewer = await scenario.Owner.AddMemberAsync(App, "Viewer");
        var rule = new { name = "x", kind = "NoData", scopeKind = "Site", scopeId = scenario.Plant.Site, durationMinutes = 5 };

        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync("/api/v1/alert-rules")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync($"/api/v1/alerts/{alert}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsJsonAsync("/api/v1/alert-rules", rule)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PutAsJsonAsync($"/api/v1/alert-rules/{scenario.RuleId}", rule)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.DeleteAsync($"/api/v1/alert-rules/{scenario.RuleId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsync($"/api/v1/alerts/{alert}/acknowledge", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsync($"/api/v1/alerts/{alert}/close", null)).StatusCode);

        Assert.Equal("Open", (await scenario.ListAsync()).Single().GetProperty("status").GetString());
    }

    private static async Task AssertInvalidAsync(ApiSession owner, object body, string field)
    {
        var response = await owner.Client.PostAsJsonAsync("/api/v1/alert-rules", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error on {field}: {problem}");
    }
}
