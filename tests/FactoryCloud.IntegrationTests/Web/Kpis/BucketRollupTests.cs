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
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Kpis;

/// <summary>
/// Day and week buckets hold the same exact sums as the minutes they cover: a window read as minutes at its ragged
/// edges, hours, days and weeks (<see cref="BucketPlan"/>) gives what its minute buckets give, for windows of any
/// alignment, on both providers; KPIs over long windows from the composed buckets equal the state timeline's; and a
/// trend's steps, each read from its own buckets, equal each step loaded as a window of its own.
/// </summary>
public sealed class BucketRollupTests(DatabaseServers servers)
{
    /// <summary>A Thursday, at an odd minute: the history starts in the middle of a week, day and hour.</summary>
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 3, 17, 23, TimeSpan.Zero);

    private const int Days = 40;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ComposedBucketSumsEqualTheMinuteSumsForWindowsOfAnyAlignment(DatabaseProvider provider)
    {
        var (app, tenant, machine) = await SeedAsync(provider);
        var random = new Random(11);
        var windows = new List<TimeWindow>
        {
            Minutes(0, Days * 1440), // the whole history
            new(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 26, 0, 0, 0, TimeSpan.Zero)), // three whole weeks
            new(new DateTimeOffset(2026, 1, 7, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 9, 0, 0, 0, TimeSpan.Zero)), // two whole days
        };
        for (var i = 0; i < 25; i++)
        {
            var from = random.Next(0, (Days - 1) * 1440);
            windows.Add(Minutes(from, from + random.Next(1, (Days * 1440) - from)));
        }

        await using var db = Contexts(app).Create(DataScope.ForTenant(tenant));
        var plans = new List<BucketPlan>();
        foreach (var window in windows)
        {
            var plan = BucketPlan.For([window]);
            plans.Add(plan);
            var composed = (await KpiBucketRows.SumsAsync(db, [machine], window, plan, perBucket: false, Ct)).Single();
            var minutes = await db.MachineBuckets.AsNoTracking()
                .Where(b => b.MachineId == machine && b.Size == BucketSize.Minute && b.Start >= window.Start && b.Start < window.End)
                .ToListAsync(Ct);
            Assert.Equal(minutes.Aggregate(default(MachineBucketSums), (sum, b) => sum + new MachineBucketSums(
                b.RunTicks, b.PlannedStopTicks, b.BreakdownTicks, b.SmallStopTicks, b.SetupTicks, b.IdleLossTicks, b.OfflineLossTicks,
                b.NoDataLossTicks, b.BreakdownEpisodes)), composed.Time);
            Assert.Equal((minutes.Sum(b => b.GoodCount), minutes.Sum(b => b.ScrapCount)), (composed.Counts.Good, composed.Counts.Scrap));
            Assert.Equal(minutes.Sum(b => b.IdealSecondsTotal), composed.Counts.IdealTotal, 1e-6);
            Assert.Equal(minutes.Sum(b => b.EnergyKwh), composed.Counts.Energy, 1e-6);

            var downtime = await KpiBucketRows.DowntimeAsync(db, [machine], plan, Ct);
            var minuteDowntime = await db.MachineDowntimeBuckets.AsNoTracking()
                .Where(b => b.MachineId == machine && b.Size == BucketSize.Minute && b.Start >= window.Start && b.Start < window.End
                            && (b.BreakdownTicks != 0 || b.BreakdownEpisodes != 0))
                .GroupBy(b => b.Reason).Select(g => new { Reason = g.Key, Ticks = g.Sum(b => b.BreakdownTicks), Episodes = g.Sum(b => b.BreakdownEpisodes) })
                .ToListAsync(Ct);
            Assert.Equal(
                minuteDowntime.Select(d => (d.Reason == MachineDowntimeBucket.NoReason ? null : d.Reason, d.Ticks, d.Episodes)).OrderBy(d => d.Item1),
                downtime.Select(d => (d.Downtime.Reason, (long)Math.Round(d.Downtime.Seconds * TimeSpan.TicksPerSecond), d.Downtime.Episodes)).OrderBy(d => d.Item1));
        }
        // The windows did read every size, and long ones far fewer rows than their minutes.
        Assert.All(BucketSizes.All, size => Assert.Contains(plans, p => p.Starts(size).Count > 0));
        Assert.True(plans[0].Count < 200, $"The whole history read {plans[0].Count} buckets.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task KpisOverLongWindowsFromComposedBucketsEqualTheStateTimeline(DatabaseProvider provider)
    {
        var (app, tenant, machine) = await SeedAsync(provider);
        var now = DateTimeOffset.UtcNow;
        foreach (var window in new[] { Minutes(0, Days * 1440), Minutes(1441 + 37, (30 * 1440) + 11), Minutes(7 * 1440, (21 * 1440) + 59) })
        {
            await using var db = Contexts(app).Create(DataScope.ForTenant(tenant));
            var buckets = await KpiData.LoadAsync(db, [machine], window, now, perBucket: false, Ct, downtime: true);
            await using var other = Contexts(app).Create(DataScope.ForTenant(tenant));
            var timeline = await KpiData.LoadAsync(other, [machine], window, now, perBucket: true, Ct);

            Assert.Equal(1, buckets.FromBucketSums);
            AssertSameTotals(timeline.Totals(machine), buckets.Totals(machine));
            Assert.Equal(DowntimePareto.Build(timeline.Downtime([machine])).Select(Rounded), DowntimePareto.Build(buckets.Downtime([machine])).Select(Rounded));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EachTrendStepReadFromItsBucketsEqualsTheStepLoadedOnItsOwn(DatabaseProvider provider)
    {
        var (app, tenant, machine) = await SeedAsync(provider);
        var now = DateTimeOffset.UtcNow;
        var window = Minutes((3 * 1440) + 43, 20 * 1440); // 17 days, from 04:00 UTC
        // Uneven steps: a ragged first one, whole days, then hours: each read from the buckets inside it.
        var steps = new List<TimeWindow> { new(window.Start, BucketSize.Day.StartOf(window.Start).AddDays(1)) };
        while (steps[^1].End < window.End.AddDays(-1)) steps.Add(new(steps[^1].End, steps[^1].End.AddDays(1)));
        while (steps[^1].End < window.End) steps.Add(new(steps[^1].End, steps[^1].End.AddHours(1) < window.End ? steps[^1].End.AddHours(1) : window.End));

        await using var db = Contexts(app).Create(DataScope.ForTenant(tenant));
        var stepped = await KpiData.LoadAsync(db, [machine], window, now, perBucket: false, Ct, steps: _ => steps);
        Assert.Equal(1, stepped.FromBucketSums);
        foreach (var step in steps)
        {
            await using var own = Contexts(app).Create(DataScope.ForTenant(tenant));
            var alone = await KpiData.LoadAsync(own, [machine], step, now, perBucket: false, Ct);
            AssertSameTotals(alone.Totals(machine), stepped.Totals(machine, step));
        }
        await using var whole = Contexts(app).Create(DataScope.ForTenant(tenant));
        AssertSameTotals((await KpiData.LoadAsync(whole, [machine], window, now, perBucket: false, Ct)).Totals(machine), stepped.Totals(machine));
    }

    private static TimeWindow Minutes(int from, int to) =>
        new(BucketSize.Minute.StartOf(Start).AddMinutes(from), BucketSize.Minute.StartOf(Start).AddMinutes(to));

    private static AppDbContextFactory Contexts(FactoryCloudApp app) => app.Services.GetRequiredService<AppDbContextFactory>();

    /// <summary>
    /// A 24/7 site (every instant planned, so long windows read days and weeks) and 40 days of history through the
    /// store: a state change every 30 s to 3 h (stops shorter and longer than the small-stop threshold, breakdowns
    /// with reasons, never the same state twice in a row, so window edges see whole episodes), counts and energy.
    /// </summary>
    private async Task<(FactoryCloudApp App, Guid Tenant, Guid Machine)> SeedAsync(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var device = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        var random = new Random(5);
        string?[] reasons = ["jam", "motor", null];
        MachineState[] states = [MachineState.Running, MachineState.Down, MachineState.Idle, MachineState.Changeover, MachineState.PlannedStop, MachineState.Offline];
        var messages = new List<AcceptedTelemetry>();
        var state = MachineState.Offline;
        for (var at = Start; at < Start.AddDays(Days);)
        {
            var others = states.Where(s => s != state).ToArray();
            state = others[random.Next(others.Length)];
            messages.Add(device.State(at, state, state == MachineState.Down ? reasons[random.Next(reasons.Length)] : null));
            messages.Add(device.Count(at.AddSeconds(random.Next(0, 30)), random.Next(0, 500), random.Next(0, 3)));
            messages.Add(device.Energy(at.AddSeconds(random.Next(0, 30)), random.NextDouble()));
            at = at.AddSeconds(random.Next(0, 3) == 0 ? random.Next(30, 150) : random.Next(300, 3 * 3600));
        }
        var store = app.Services.GetRequiredService<ITelemetryStore>();
        foreach (var batch in messages.Chunk(300))
        {
            var result = await store.StoreAsync(batch, Ct);
            Assert.Equal(batch.Length, result.Applied);
        }
        return (app, owner.TenantId, plant.Machine);
    }

    private static (string? Reason, double Seconds, long Episodes) Rounded(ParetoEntry e) => (e.Reason, Math.Round(e.Seconds, 6), e.Episodes);

    private static void AssertSameTotals(KpiTotals expected, KpiTotals actual)
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
        Assert.Equal((expected.GoodCount, expected.ScrapCount), (actual.GoodCount, actual.ScrapCount));
        Assert.Equal(expected.IdealSecondsTotal, actual.IdealSecondsTotal, precision);
        Assert.Equal(expected.EnergyKwh, actual.EnergyKwh, precision);
    }
}
