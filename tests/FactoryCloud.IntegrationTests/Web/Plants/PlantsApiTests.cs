using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.IntegrationTests.Web.Plants;

public sealed class PlantsApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task AnOwnerBuildsTheHierarchyFromSiteToMachine()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await CreatePlantAsync(owner);

        var machines = await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/lines/{plant.Line}/machines");
        var machine = Assert.Single(machines!);
        Assert.Equal("press-1", machine.GetProperty("key").GetString());
        Assert.Equal(2.5, machine.GetProperty("idealCycleTimeSeconds").GetDouble());
        Assert.Equal(1.5, machine.GetProperty("productCycleTimes").GetProperty("sku-1").GetDouble());
        Assert.Equal(JsonValueKind.Null, machine.GetProperty("firstSeenAt").ValueKind);
    }

    [Fact]
    public async Task ASiblingWithTheSameKeyConflicts()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await CreatePlantAsync(owner);

        var response = await owner.Client.PostAsJsonAsync($"/api/v1/lines/{plant.Line}/machines", new { key = "press-1", name = "Another press" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("a-key-that-is-far-too-long-for-a-topic-segment-because-it-has-more-than-64-chars")]
    public async Task AnInvalidKeyAnswersValidationProblemOnKey(string key)
    {
        var owner = await ApiSession.SignUpAsync(App);
        var response = await owner.Client.PostAsJsonAsync("/api/v1/sites", new { key, name = "Plant", timeZone = "UTC" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Key", out _));
    }

    [Fact]
    public async Task AnUnknownTimeZoneAnswersValidationProblem()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var response = await owner.Client.PostAsJsonAsync("/api/v1/sites", new { key = "p1", name = "Plant", timeZone = "Mars/Olympus" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("TimeZone", out _));
    }

    [Fact]
    public async Task AnInvalidCycleTimeAnswersValidationProblem()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await CreatePlantAsync(owner);
        var response = await owner.Client.PostAsJsonAsync($"/api/v1/lines/{plant.Line}/machines", new { key = "m2", name = "M2", idealCycleTimeSeconds = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ASiteWithAreasCannotBeDeleted()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await CreatePlantAsync(owner);

        Assert.Equal(HttpStatusCode.Conflict, (await owner.Client.DeleteAsync($"/api/v1/sites/{plant.Site}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/machines/{plant.Machine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/lines/{plant.Line}")).StatusCode);
    }

    [Fact]
    public async Task ASiteWithAMaturityAssessmentIsKeptAndTheConflictSaysWhy()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var created = await owner.Client.PostAsJsonAsync("/api/v1/sites", new { key = "assessed", name = "Assessed", timeZone = "UTC" });
        var site = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await owner.Client.PostAsJsonAsync("/api/v1/maturity/assessments", new { title = "Baseline", siteId = site })).EnsureSuccessStatusCode();

        var response = await owner.Client.DeleteAsync($"/api/v1/sites/{site}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("maturity assessments", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("areas", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantBTokenOnTenantAPlantAnswersNotFound()
    {
        var a = await ApiSession.SignUpAsync(App);
        var b = await ApiSession.SignUpAsync(App);
        var plant = await CreatePlantAsync(a);

        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/api/v1/sites/{plant.Site}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/api/v1/machines/{plant.Machine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PutAsJsonAsync($"/api/v1/sites/{plant.Site}", new { key = "x", name = "Stolen", timeZone = "UTC" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.DeleteAsync($"/api/v1/machines/{plant.Machine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PostAsJsonAsync($"/api/v1/sites/{plant.Site}/areas", new { key = "x", name = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PostAsync($"/api/v1/machines/{plant.Machine}/devices", null)).StatusCode);
        Assert.Empty((await b.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/sites"))!);
        Assert.Empty((await b.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/lines/{plant.Line}/machines"))!);
    }

    [Fact]
    public async Task AViewerCanReadPlantsButNotChangeThem()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await CreatePlantAsync(owner);
        var viewer = await owner.AddMemberAsync(App, "Viewer");

        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync($"/api/v1/sites/{plant.Site}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsJsonAsync("/api/v1/sites", new { key = "p2", name = "P2", timeZone = "UTC" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.DeleteAsync($"/api/v1/machines/{plant.Machine}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsync($"/api/v1/machines/{plant.Machine}/devices", null)).StatusCode);
    }

    [Fact]
    public async Task IssuedCredentialsAreShownOnceAndStoredOnlyAsAHash()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await CreatePlantAsync(owner);

        var response = await owner.Client.PostAsync($"/api/v1/machines/{plant.Machine}/devices", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var credentials = await response.Content.ReadFromJsonAsync<JsonElement>();
        var password = credentials.GetProperty("password").GetString()!;
        Assert.Equal($"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-1/+", credentials.GetProperty("topicPrefix").GetString());
        Assert.Equal(1883, credentials.GetProperty("port").GetInt32());

        var stored = await StoredDeviceAsync(owner, credentials.GetProperty("deviceId").GetGuid());
        Assert.DoesNotContain(password, stored.PasswordHash, StringComparison.Ordinal);
        Assert.True(DevicePassword.Verify(password, stored.PasswordHash));
        var listed = await owner.Client.GetStringAsync("/api/v1/devices");
        Assert.DoesNotContain(password, listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGatewayForALineMayPublishForEveryMachineOfTheLine()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await CreatePlantAsync(owner);

        var credentials = await (await owner.Client.PostAsync($"/api/v1/lines/{plant.Line}/devices", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal($"fc/v1/{owner.Slug}/plant-1/assembly/line-1/#", credentials.GetProperty("topicPrefix").GetString());
    }

    [Fact]
    public async Task RotatingReplacesThePasswordAndRevokingDisablesTheDevice()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await CreatePlantAsync(owner);
        var issued = await (await owner.Client.PostAsync($"/api/v1/machines/{plant.Machine}/devices", null)).Content.ReadFromJsonAsync<JsonElement>();
        var deviceId = issued.GetProperty("deviceId").GetGuid();

        var rotated = await (await owner.Client.PostAsync($"/api/v1/devices/{deviceId}/rotate", null)).Content.ReadFromJsonAsync<JsonElement>();
        var stored = await StoredDeviceAsync(owner, deviceId);
        Assert.False(DevicePassword.Verify(issued.GetProperty("password").GetString()!, stored.PasswordHash));
        Assert.True(DevicePassword.Verify(rotated.GetProperty("password").GetString()!, stored.PasswordHash));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/devices/{deviceId}")).StatusCode);
        Assert.False((await StoredDeviceAsync(owner, deviceId)).IsActive);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.Client.PostAsync($"/api/v1/devices/{deviceId}/rotate", null)).StatusCode);
    }

    [Fact]
    public async Task TenantBCannotRotateOrRevokeTenantADevice()
    {
        var a = await ApiSession.SignUpAsync(App);
        var b = await ApiSession.SignUpAsync(App);
        var plant = await CreatePlantAsync(a);
        var issued = await (await a.Client.PostAsync($"/api/v1/machines/{plant.Machine}/devices", null)).Content.ReadFromJsonAsync<JsonElement>();
        var deviceId = issued.GetProperty("deviceId").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.PostAsync($"/api/v1/devices/{deviceId}/rotate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.DeleteAsync($"/api/v1/devices/{deviceId}")).StatusCode);
        Assert.True((await StoredDeviceAsync(a, deviceId)).IsActive);
    }

    private async Task<Device> StoredDeviceAsync(ApiSession owner, Guid deviceId)
    {
        await using var db = App.Database.Contexts.Create(DataScope.ForTenant(owner.TenantId));
        return await db.Devices.SingleAsync(d => d.Id == deviceId);
    }

    private static Task<TestPlant> CreatePlantAsync(ApiSession owner) => TestPlant.CreateAsync(owner);
}
