using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using FactoryCloud.Web.Features.Dashboards;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Dashboards;

/// <summary>PlantOverviewService on PostgreSQL (row-level security, app role), data put in through the real ITelemetryStore.</summary>
public sealed class PlantOverviewServiceTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task ShowsEachMachinesLatestStateAndTodaysOeeUnderItsLineAndTenantBSeesNoneOfIt()
    {
        var tenantA = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(tenantA); // Plant 1 / Assembly / Line 1 / Press 1 (ideal 2.5 s)
        await plant.WithoutShiftCalendarAsync(tenantA); // UTC, 24/7: today is the UTC day, all of it planned
        var created = await tenantA.Client.PostAsJsonAsync($"/api/v1/lines/{plant.Line}/machines",
            new { key = "saw-1", name = "Saw 1", idealCycleTimeSeconds = 1.0 }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var saw = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();

        // Everything inside today's UTC day, whenever the test runs: the last quarter of [00:00 UTC, now). The press's
        // no-data time before t0 (three quarters) must outweigh its reduced speed after it (one quarter plus however
        // long the test takes to ask), so that the top loss does not depend on how loaded the machine is.
        var now = DateTimeOffset.UtcNow;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var t0 = MachineStateChange.Normalize(today + ((now - today) * 0.75));
        var sawDownAt = MachineStateChange.Normalize(t0 + ((now - t0) / 2));
        var press = new TelemetryTestDevice(tenantA.TenantId, plant.Machine);
        var sawDevice = new TelemetryTestDevice(tenantA.TenantId, saw);
        await StoreAsync(
        [
            press.State(t0, MachineState.Running),
            press.Count(t0.AddTicks((sawDownAt - t0).Ticks / 2), good: 1),
            sawDevice.State(t0, MachineState.Idle),
            sawDevice.State(sawDownAt, MachineState.Down, "jam"),
        ]);

        var before = DateTimeOffset.UtcNow;
        var overview = await OverviewForAsync(tenantA);
        var after = DateTimeOffset.UtcNow;

        Assert.Equal(2, overview.MachineCount);
        Assert.Equal(today, Assert.Single(overview.Sites).Window.Start);
        var line = Assert.Single(Assert.Single(Assert.Single(overview.Sites).Areas).Lines);
        Assert.Equal(plant.Line, line.Id);
        Assert.Equal([plant.Machine, saw], line.Machines.Select(m => m.Id)); // by name: Press 1, Saw 1

        var pressTile = line.Machines[0];
        Assert.Equal(MachineState.Running, pressTile.State);
        Assert.Equal(t0, pressTile.Since);
        Assert.Equal("Running", pressTile.Look.Label);
        var sawTile = line.Machines[1];
        Assert.Equal(MachineState.Down, sawTile.State);
        Assert.Equal(TileLook.Red, sawTile.Look.Color);
        Assert.InRange(sawTile.TimeInState!.Value, before - sawDownAt - TimeSpan.FromSeconds(1), after - sawDownAt);

        // Today's OEE: planned time is [t0, now): the time before each machine's first data is not planned by default
        // (KpiSettings.IncludeTimeBeforeFirstData), so the press's OEE is 1 good × 2.5 s / (now - t0), and the line's
        // sums both machines: 2.5 s / (2 × (now - t0)).
        var (shortest, longest) = ((before - t0).TotalSeconds, (after - t0).TotalSeconds);
        Assert.InRange(pressTile.Oee!.Value, (2.5 / longest) - 1e-9, (2.5 / shortest) + 1e-9);
        Assert.Equal(0, sawTile.Oee);
        Assert.Equal(Domain.Kpis.LossCategory.ReducedSpeed, pressTile.Kpis.TopLoss); // running since t0 with one unit
        Assert.NotNull(sawTile.Kpis.TopLoss);
        Assert.InRange(line.Oee!.Value, (2.5 / (2 * longest)) - 1e-9, (2.5 / (2 * shortest)) + 1e-9);

        // Tenant B sees its own plant only, never tenant A's machines or lines.
        var tenantB = await ApiSession.SignUpAsync(App);
        var otherPlant = await TestPlant.CreateAsync(tenantB);
        var seenByB = await OverviewForAsync(tenantB);
        var bMachines = seenByB.Sites.SelectMany(s => s.Areas).SelectMany(a => a.Lines).SelectMany(l => l.Machines).Select(m => m.Id).ToList();
        Assert.Equal([otherPlant.Machine], bMachines);
        Assert.DoesNotContain(seenByB.Sites.SelectMany(s => s.Areas).SelectMany(a => a.Lines), l => l.Id == plant.Line);
        var bTile = Assert.Single(seenByB.Sites.SelectMany(s => s.Areas).SelectMany(a => a.Lines).SelectMany(l => l.Machines));
        Assert.Null(bTile.State); // no data

        // A tenant without any machine gets an empty overview (the page shows its empty state).
        var tenantC = await ApiSession.SignUpAsync(App);
        Assert.Equal(0, (await OverviewForAsync(tenantC)).MachineCount);
    }

    private async Task<PlantOverview> OverviewForAsync(ApiSession session)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>()
            .Set(session.UserId, new ActiveMembership(session.TenantId, "Tenant", session.Slug, TenantRole.Viewer));
        return await scope.ServiceProvider.GetRequiredService<PlantOverviewService>().GetAsync(ct: TestContext.Current.CancellationToken);
    }

    private async Task StoreAsync(IReadOnlyList<AcceptedTelemetry> messages)
    {
        var result = await App.Services.GetRequiredService<ITelemetryStore>().StoreAsync(messages, TestContext.Current.CancellationToken);
        Assert.Equal(messages.Count, result.Applied);
    }
}
