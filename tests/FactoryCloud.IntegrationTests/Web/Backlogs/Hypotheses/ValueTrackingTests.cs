using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Backlogs.Hypotheses;

/// <summary>KPI hypotheses measured by the real KPI service from telemetry stored through the real store, on PostgreSQL.</summary>
public sealed class ValueTrackingTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task TheBaselineIsTakenWhenWorkStartsAndTheOutcomeAfterThePeriodFollowingDone()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner); // press-1, ideal cycle 2.5 s
        await plant.WithoutShiftCalendarAsync(owner); // the whole window is planned, whenever the test runs
        var product = await TestProduct.CreateAsync(owner);
        var story = await product.AddAsync("Faster changeover", estimate: 5);
        var now = DateTimeOffset.UtcNow;
        var press = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        // Before the work: down for the whole last day. After (a day that starts 3 days ago): running.
        var doneAt = MachineStateChange.Normalize(now.AddDays(-3));
        await StoreAsync([press.State(doneAt, MachineState.Running), press.State(doneAt.AddDays(1), MachineState.Down, "jam")]);

        var set = await owner.Client.PutAsJsonAsync($"/api/v1/items/{story}/hypothesis", new
        {
            kpi = "Availability", scopeKind = "Machine", scopeId = plant.Machine, expectedChange = 0.2, periodDays = 1,
        });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("baselineValue").ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await product.MoveAsync(story, "In development")).StatusCode);
        var started = await HypothesisAsync(owner, story);
        Assert.Equal(0, started.GetProperty("baselineValue").GetDouble(), 3); // down the whole last day

        Assert.Equal(HttpStatusCode.OK, (await product.MoveAsync(story, "Done")).StatusCode);
        // Pretend it reached done three days ago, so its one-day measuring period has passed.
        await using (var db = App.Database.Contexts.Create(DataScope.ForTenant(owner.TenantId)))
            await db.KpiHypotheses.Where(h => h.WorkItemId == story).ExecuteUpdateAsync(s => s.SetProperty(h => h.DoneAt, doneAt), TestContext.Current.CancellationToken);

        var value = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/products/{product.Id}/value");
        var measured = Assert.Single(value.GetProperty("items").EnumerateArray()).GetProperty("hypothesis");
        Assert.InRange(measured.GetProperty("measuredValue").GetDouble(), 0.99, 1.0); // the window widens to whole minutes
        Assert.True(measured.GetProperty("delivered").GetBoolean());
        Assert.InRange(measured.GetProperty("actualChange").GetDouble(), 0.99, 1.0);
    }

    [Fact]
    public async Task AnEnergyPerUnitHypothesisIsMeasuredFromTheEnergyAndGoodCountsOfItsPeriod()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var product = await TestProduct.CreateAsync(owner);
        var story = await product.AddAsync("Switch off idle heaters", estimate: 3);
        var press = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        var doneAt = MachineStateChange.Normalize(DateTimeOffset.UtcNow.AddDays(-3));
        await StoreAsync([press.State(doneAt, MachineState.Running), press.Count(doneAt.AddHours(2), good: 200),
            press.Measure(doneAt.AddHours(3), "{\"energy_kwh\": 10}")]);

        var set = await owner.Client.PutAsJsonAsync($"/api/v1/items/{story}/hypothesis", new
        {
            kpi = "EnergyPerUnit", scopeKind = "Machine", scopeId = plant.Machine, expectedChange = -0.01, periodDays = 1,
        });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await product.MoveAsync(story, "In development")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await product.MoveAsync(story, "Done")).StatusCode);
        await using (var db = App.Database.Contexts.Create(DataScope.ForTenant(owner.TenantId)))
            await db.KpiHypotheses.Where(h => h.WorkItemId == story).ExecuteUpdateAsync(s => s.SetProperty(h => h.DoneAt, doneAt), TestContext.Current.CancellationToken);

        var value = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/products/{product.Id}/value");
        var measured = Assert.Single(value.GetProperty("items").EnumerateArray()).GetProperty("hypothesis");
        Assert.Equal(10.0 / 200, measured.GetProperty("measuredValue").GetDouble(), 6);
    }

    [Fact]
    public async Task OtherFeaturesCreateALinkedWorkItemAndFindItByTheirTarget()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var product = await TestProduct.CreateAsync(owner);
        var alertId = Guid.NewGuid().ToString();
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>()
            .Set(owner.UserId, new ActiveMembership(owner.TenantId, "Tenant", owner.Slug, TenantRole.TeamMember));

        var created = await scope.ServiceProvider.GetRequiredService<WorkItemService>().CreateLinkedAsync(product.Id, WorkItemType.Bug,
            "Press 1 scrap above 5 %", "Raised from an alert.", new LinkRequest { Kind = LinkKinds.Alert, TargetId = alertId, Label = "Scrap alert" },
            TestContext.Current.CancellationToken);

        Assert.True(created.Succeeded, created.Failure?.Message);
        var link = Assert.Single(created.Value!.Links);
        Assert.Equal((LinkKinds.Alert, alertId, "Scrap alert"), (link.Kind, link.TargetId, link.Label));
        var linked = await scope.ServiceProvider.GetRequiredService<WorkItemDetailsService>().LinkedToAsync(LinkKinds.Alert, alertId, TestContext.Current.CancellationToken);
        Assert.Equal(created.Value.Id, Assert.Single(linked).Id);
        Assert.Equal("Opportunity", linked[0].ColumnName);
    }

    private static async Task<JsonElement> HypothesisAsync(ApiSession owner, Guid item) =>
        (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/items/{item}")).GetProperty("hypothesis");

    private async Task StoreAsync(IReadOnlyList<AcceptedTelemetry> messages)
    {
        var result = await App.Services.GetRequiredService<ITelemetryStore>().StoreAsync(messages, TestContext.Current.CancellationToken);
        Assert.Equal(messages.Count, result.Applied);
    }
}
