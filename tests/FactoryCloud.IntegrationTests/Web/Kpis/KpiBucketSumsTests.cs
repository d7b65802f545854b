using System.Net.Http.Json;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Queries;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using FactoryCloud.Web.Features.Kpis;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Kpis;

/// <summary>
/// KPIs from the buckets' exact sums (written by the processor) equal the hand calculation and the state-timeline
/// evaluation, on both providers: intervals crossing minute and hour boundaries, a small stop split across an hour,
/// breakdowns starting before the shift or in a break, repeated states, late messages and a changed threshold.
/// </summary>
public sealed class KpiBucketSumsTests(DatabaseServers servers)
{
    /// <summary>Monday; the test plant's shift is 06:00–14:00 Europe/Berlin = 05:00–13:00 UTC, here with a break 08:00–08:30 UTC.</summary>
    private static readonly DateTimeOffset M = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task BucketSumsGiveTheHandComputedTotalsAndEqualTheTimeline(DatabaseProvider provider)
    {
        var (app, owner, plant, device) = await SetUpAsync(provider);
        await StoreAsync(app,
        [
            device.State(M.AddHours(4), MachineState.Running),
            device.State(M.AddHours(4).AddMinutes(50), MachineState.Down, "motor"), // before the shift, runs into it
            device.State(M.AddHours(4).AddMinutes(55), MachineState.Down, "motor"), // repeated: the same episode
            device.State(M.AddHours(5).AddMinutes(59).AddSeconds(30), MachineState.Down, "jam"), // 70 s across 06:00
            device.State(M.AddHours(7).AddMinutes(10), MachineState.Idle),
            device.State(M.AddHours(8).AddMinutes(20), MachineState.Down, "tool"), // in the break, runs into planned time
            device.State(M.AddHours(8).AddMinutes(45), MachineState.Running),
            device.State(M.AddHours(9), MachineState.Changeover),
            device.State(M.AddHours(9).AddMinutes(10), MachineState.Running),
            device.State(M.AddHours(10), MachineState.PlannedStop),
            device.State(M.AddHours(10).AddMinutes(30), MachineState.Running),
            device.State(M.AddHours(12).AddMinutes(50), MachineState.Down, "end"), // still down: the open episode
        ]);
        // Late messages split stored episodes; a repeat inside a run changes nothing.
        await StoreAsync(app,
        [
            device.State(M.AddHours(5).AddMinutes(20), MachineState.Running),
            device.State(M.AddHours(6).AddSeconds(40), MachineState.Running),
            device.State(M.AddHours(7).AddMinutes(40).AddSeconds(15), MachineState.Running),
            device.State(M.AddHours(6).AddMinutes(30), MachineState.Running),
        ]);

        var (fast, timeline) = await LoadBothAsync(app, owner, plant, new TimeWindow(M, M.AddDays(1)));
        Assert.Equal(1, fast.FromBucketSums);
        Assert.Equal(0, timeline.FromBucketSums);
        var totals = fast.Totals(plant.Machine);
        // Planned 05:00–08:00 and 08:30–13:00 = 27,000 s, minus the 30 min planned stop.
        Assert.Equal(25_200, totals.PlannedSeconds);
        Assert.Equal(1_800, totals.PlannedStopSeconds);
        Assert.Equal(1_200 + 900 + 600, totals.BreakdownSeconds); // motor 05:00–05:20, tool 08:30–08:45, end 12:50–13:00
        Assert.Equal(3, totals.BreakdownEpisodes);
        Assert.Equal(70, totals.SmallStopSeconds);
        Assert.Equal(1_815, totals.IdleSeconds);
        Assert.Equal(600, totals.SetupSeconds);
        Assert.Equal(25_200 - 2_700 - 70 - 1_815 - 600, totals.RunSeconds);
        Assert.Equal(0, totals.NoDataSeconds);
        AssertSameTime(timeline.Totals(plant.Machine), totals);
        Assert.Equal(DowntimePareto.Build(timeline.Downtime([plant.Machine])), DowntimePareto.Build(fast.Downtime([plant.Machine])));
        Assert.Equal(["motor", "tool", "end"], DowntimePareto.Build(fast.Downtime([plant.Machine])).Select(p => p.Reason));

        // Windows starting and ending inside episodes and buckets.
        foreach (var window in new[] { new TimeWindow(M.AddHours(5).AddMinutes(10), M.AddHours(8).AddMinutes(40)), new TimeWindow(M.AddHours(6), M.AddHours(6).AddMinutes(1)) })
        {
            var (fastPart, timelinePart) = await LoadBothAsync(app, owner, plant, window);
            Assert.Equal(1, fastPart.FromBucketSums);
            AssertSameTime(timelinePart.Totals(plant.Machine), fastPart.Totals(plant.Machine));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AChangedSmallStopThresholdIsAppliedAtOnceAndTheSumsAreRebuiltWithTheNextMessage(DatabaseProvider provider)
    {
        var (app, owner, plant, device) = await SetUpAsync(provider);
        await StoreAsync(app,
        [
            device.State(M.AddHours(5), MachineState.Running),
            device.State(M.AddHours(6).AddMinutes(59), MachineState.Down, "jam"), // 10 min across 07:00
            device.State(M.AddHours(7).AddMinutes(9), MachineState.Running),
            device.State(M.AddHours(11).AddMinutes(58).AddSeconds(30), MachineState.Idle), // 3 min across 12:00
            device.State(M.AddHours(12).AddMinutes(1).AddSeconds(30), MachineState.Running),
        ]);
        var window = new TimeWindow(M, M.AddDays(1));
        var (before, _) = await LoadBothAsync(app, owner, plant, window);
        Assert.Equal(1, before.FromBucketSums);
        Assert.Equal(600, before.Totals(plant.Machine).BreakdownSeconds);
        Assert.Equal(180, before.Totals(plant.Machine).IdleSeconds);

        var put = await owner.Client.PutAsJsonAsync("/api/v1/kpi-settings", new { smallStopThresholdSeconds = 900, startupPeriodSeconds = 0, rules = Array.Empty<object>() }, Ct);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));

        // The sums were classified with the old threshold: the machine is evaluated from its timeline until rebuilt.
        var (stale, _) = await LoadBothAsync(app, owner, plant, window);
        Assert.Equal(0, stale.FromBucketSums);
        Assert.Equal(600 + 180, stale.Totals(plant.Machine).SmallStopSeconds);
        Assert.Equal(0, stale.Totals(plant.Machine).BreakdownEpisodes);

        await StoreAsync(app, [device.Count(M.AddHours(12).AddMinutes(30), good: 10)]);
        var (rebuilt, timeline) = await LoadBothAsync(app, owner, plant, window);
        Assert.Equal(1, rebuilt.FromBucketSums);
        AssertSameTime(timeline.Totals(plant.Machine), rebuilt.Totals(plant.Machine));
        Assert.Equal(600 + 180, rebuilt.Totals(plant.Machine).SmallStopSeconds);
    }

    private async Task<(FactoryCloudApp App, ApiSession Owner, TestPlant Plant, TelemetryTestDevice Device)> SetUpAsync(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var plant = await TestPlant.CreateAsync(owner);
        var site = await owner.Client.PutAsJsonAsync($"/api/v1/sites/{plant.Site}", new
        {
            key = "plant-1", name = "Plant 1", timeZone = "Europe/Berlin",
            shifts = new object[]
            {
                new { day = "Monday", start = "06:00:00", end = "14:00:00", kind = "Production", name = "Early" },
                new { day = "Monday", start = "09:00:00", end = "09:30:00", kind = "PlannedBreak", name = "Break" },
            },
        }, Ct);
        Assert.True(site.IsSuccessStatusCode, await site.Content.ReadAsStringAsync(Ct));
        return (app, owner, plant, new TelemetryTestDevice(owner.TenantId, plant.Machine));
    }

    private static async Task StoreAsync(FactoryCloudApp app, IReadOnlyList<AcceptedTelemetry> messages)
    {
        var result = await app.Services.GetRequiredService<ITelemetryStore>().StoreAsync(messages, Ct);
        Assert.Equal(messages.Count, result.Applied);
    }

    /// <summary>The window evaluated from bucket sums (as the API does) and, split per bucket, from the state timeline.</summary>
    private static async Task<(KpiData Buckets, KpiData Timeline)> LoadBothAsync(FactoryCloudApp app, ApiSession owner, TestPlant plant, TimeWindow window)
    {
        var contexts = app.Services.GetRequiredService<AppDbContextFactory>();
        var now = DateTimeOffset.UtcNow;
        await using var db = contexts.Create(DataScope.ForTenant(owner.TenantId));
        var buckets = await KpiData.LoadAsync(db, [plant.Machine], window, now, perBucket: false, Ct, downtime: true);
        await using var other = contexts.Create(DataScope.ForTenant(owner.TenantId));
        var timeline = await KpiData.LoadAsync(other, [plant.Machine], window, now, perBucket: true, Ct);
        return (buckets, timeline);
    }

    private static void AssertSameTime(KpiTotals expected, KpiTotals actual)
    {
        const double precision = 1e-6;
        Assert.Equal(expected.PlannedSeconds, actual.PlannedSeconds, precision);
        Assert.Equal(expected.RunSeconds, actual.RunSeconds, precision);
        Assert.Equal(expected.BreakdownSeconds, actual.BreakdownSeconds, precision);
        Assert.Equal(expected.SmallStopSeconds, actual.SmallStopSeconds, precision);
        Assert.Equal(expected.SetupSeconds, actual.SetupSeconds, precision);
        Assert.Equal(expected.IdleSeconds, actual.IdleSeconds, precision);
        Assert.Equal(expected.OfflineSeconds, actual.OfflineSeconds, precision);
        Assert.Equal(expected.NoDataSeconds, actual.NoDataSeconds, precision);
        Assert.Equal(expected.PlannedStopSeconds, actual.PlannedStopSeconds, precision);
        Assert.Equal(expected.BreakdownEpisodes, actual.BreakdownEpisodes);
        Assert.Equal(expected.GoodCount, actual.GoodCount);
    }
}
