using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Plants;

/// <summary>
/// Cycle times changed over the plants API reach the app's telemetry store (which caches them per tenant) before its
/// next batch: a machine's new ideal cycle time, and a machine added to a line.
/// </summary>
public sealed class CycleTimeChangeTests(DatabaseServers servers)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 7, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheNextBatchUsesCycleTimesChangedOverTheApi(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var plant = await TestPlant.CreateAsync(owner); // press-1: 2.5 s, sku-1 1.5 s
        var store = app.Services.GetRequiredService<ITelemetryStore>();
        var press = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        await store.StoreAsync([press.Count(T0, 10), press.Count(T0.AddSeconds(1), 10, 0, "sku-1")], Ct);

        var put = await owner.Client.PutAsJsonAsync($"/api/v1/machines/{plant.Machine}", new
        {
            key = "press-1", name = "Press 1", idealCycleTimeSeconds = 4.0, productCycleTimes = new Dictionary<string, double> { ["sku-1"] = 3.0 },
        }, Ct);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));
        var post = await owner.Client.PostAsJsonAsync($"/api/v1/lines/{plant.Line}/machines", new { key = "press-2", name = "Press 2", idealCycleTimeSeconds = 6.0 }, Ct);
        Assert.True(post.IsSuccessStatusCode, await post.Content.ReadAsStringAsync(Ct));
        var added = new TelemetryTestDevice(owner.TenantId, (await post.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
        await store.StoreAsync([press.Count(T0.AddMinutes(1), 10), press.Count(T0.AddMinutes(1).AddSeconds(1), 10, 0, "sku-1"), added.Count(T0.AddMinutes(1), 10)], Ct);

        await using var db = app.Services.GetRequiredService<AppDbContextFactory>().Create(DataScope.ForTenant(owner.TenantId));
        var minutes = await db.MachineBuckets.AsNoTracking().Where(b => b.Size == BucketSize.Minute).ToListAsync(Ct);
        Assert.Equal((10 * 2.5) + (10 * 1.5), minutes.Single(b => b.MachineId == plant.Machine && b.Start == T0).IdealSecondsTotal);
        Assert.Equal((10 * 4.0) + (10 * 3.0), minutes.Single(b => b.MachineId == plant.Machine && b.Start == T0.AddMinutes(1)).IdealSecondsTotal);
        Assert.Equal(10 * 6.0, minutes.Single(b => b.MachineId == added.MachineId).IdealSecondsTotal);
    }
}
