using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Queries;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Testing;
using FactoryCloud.Web.Features.Dashboards;
using FactoryCloud.Web.Features.Kpis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FactoryCloud.Benchmarks;

/// <summary>
/// Issue #4's dashboard benchmark (long windows: issue #12): a 200-machine plant with 30 days (or a year) of buckets
/// and state changes, on PostgreSQL (app role under row-level security) and on SQLite; server-side times of the plant
/// overview, machine, line and site dashboards, KPIs and the KPI API over windows up to a year, each the median of 10
/// runs after 2 warm-ups (3 after 1 when slow), against a baseline
/// measured in the same run (loading one machine by id through the same tenant-scoped context); then memory per open
/// overview circuit with 200 circuits and live updates flowing.
/// </summary>
internal static class KpiBenchmark
{
    private const int Runs = 10;

    public static async Task RunAsync(string[] args)
    {
        // --only=postgres or --only=sqlite measures one provider (a year on SQLite takes long to seed and query).
        var only = args.FirstOrDefault(a => a.StartsWith("--only=", StringComparison.Ordinal))?["--only=".Length..];
        args = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var machines = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var days = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        var circuits = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
        Console.WriteLine($"FactoryCloud dashboard benchmark: {machines} machines, {days} days, {Environment.ProcessorCount} cores");

        if (only is null or "postgres") await RunPostgresAsync(machines, days, circuits);
        if (only is null or "sqlite") await RunSqliteAsync(machines, days);
    }

    private static async Task RunPostgresAsync(int machines, int days, int circuits)
    {
        await using var postgres = await PostgresServer.StartAsync();
        var admin = await postgres.CreateDatabaseAsync("kpibench");
        await postgres.CreateLoginRoleAsync("kpibench_app", "kpibench");
        await RunProviderAsync("PostgreSQL", DatabaseProvider.Postgres, new()
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = postgres.GetConnectionString("kpibench", "kpibench_app", "kpibench"),
            ["Database:AdminConnectionString"] = admin,
            ["Database:AppRole"] = "kpibench_app",
            ["Database:ApplyMigrations"] = "true", // PostgreSQL migrates only when told (a deployment migrates separately)
        }, admin, machines, days, circuits);
    }

    private static async Task RunSqliteAsync(int machines, int days)
    {
        using var sqliteDirectory = TempDirectory.Create("fc-kpibench-");
        var sqlite = $"Data Source={sqliteDirectory.Combine("kpi.db")}";
        await RunProviderAsync("SQLite", DatabaseProvider.Sqlite, new() { ["Database:Provider"] = "Sqlite", ["Database:ConnectionString"] = sqlite },
            sqlite, machines, days, circuits: 0);
    }

    private static async Task RunProviderAsync(
        string name, DatabaseProvider provider, Dictionary<string, string?> settings, string adminConnection, int machines, int days, int circuits)
    {
        await using var app = new BenchmarkWebApp(settings);
        var client = app.CreateClient();
        var signUp = await client.PostAsJsonAsync("/api/v1/signup", new { organization = "Bench " + name, email = $"bench-{provider}@example.test", password = "Bench-Password-1" });
        signUp.EnsureSuccessStatusCode();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = $"bench-{provider}@example.test", password = "Bench-Password-1" });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        // Sign-up answers 202 alike for every address: the organisation comes from /me.
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var (tenantId, userId) = (me.GetProperty("active").GetProperty("tenantId").GetGuid(), me.GetProperty("userId").GetGuid());

        var now = DateTimeOffset.UtcNow;
        var seeder = new KpiPlantSeeder(tenantId, machines, days, now);
        var seeding = Stopwatch.StartNew();
        await seeder.SeedAsync(app.Services.GetRequiredService<AppDbContextFactory>(), provider, adminConnection);
        Console.WriteLine($"\n== {name}: seeded {seeder.StateChangeRows:N0} state changes, {seeder.BucketRows:N0} buckets and {seeder.DowntimeRows:N0} downtime buckets in {seeding.Elapsed.TotalSeconds:N0} s");

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(userId, new ActiveMembership(tenantId, "Bench", "bench", TenantRole.Viewer));
        var services = scope.ServiceProvider;
        var contexts = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var machine = seeder.MachineIds[^1];
        // The service takes the window the API parses from its query text (the same text the HTTP measure sends).
        static TimeWindow Window(string from, string to) => KpiQuery.Parse(from, to).Value;
        static string Rfc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var (from7, to7) = (Rfc(now.AddDays(-7)), Rfc(now));

        // The first long read materialises the planned-time roll-ups of its whole past days (as in production, where a
        // site's first year-long query does); it is timed on its own, then compared with the composed buckets.
        if (days >= 365) await CompareRollUpsAsync(contexts, seeder.MachineIds, now, 365);
        if (provider == DatabaseProvider.Postgres)
        {
            // The roll-ups the first read wrote, settled as autovacuum leaves them within minutes (statistics, visibility
            // map): measured right after, the planner still saw the empty tables the seeding analysed.
            await using var connection = new NpgsqlConnection(adminConnection);
            await connection.OpenAsync();
            await using var vacuum = new NpgsqlCommand(
                "VACUUM ANALYZE \"MachinePlannedDays\", \"MachineDowntimeDays\", \"MachinePlannedWeeks\", \"MachineDowntimeWeeks\"", connection);
            await vacuum.ExecuteNonQueryAsync();
        }
        await CompareWithTimelineAsync(contexts, seeder.MachineIds, now, 7);
        if (days > 30) await CompareWithTimelineAsync(contexts, seeder.MachineIds, now, 30);

        var baseline = await MedianAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            _ = await db.Machines.AsNoTracking().FirstAsync(m => m.Id == machine);
        });
        Print("baseline: one machine by id (same context)", baseline, baseline);
        var overview = services.GetRequiredService<PlantOverviewService>();
        var tiles = 0;
        Print("plant overview, today (goal < 300 ms)", await MedianAsync(async () => tiles = (await overview.GetAsync(TimeRangeKind.Today)).MachineCount), baseline, $"{tiles} tiles");
        Print("plant overview, current shift", await MedianAsync(() => overview.GetAsync(TimeRangeKind.CurrentShift)), baseline);
        Print("plant overview, last 7 days", await MedianAsync(() => overview.GetAsync(TimeRangeKind.Last7Days)), baseline);
        var kpis = services.GetRequiredService<KpiService>();
        Print("machine KPIs, 7 days (goal < 50 ms)", await MedianAsync(() => kpis.GetAsync(KpiScope.Machine, machine, Window(from7, to7))), baseline);
        var dashboards = services.GetRequiredService<ScopeDashboardService>();
        Print("machine dashboard, last 30 days", await MedianAsync(() => dashboards.GetAsync(KpiScope.Machine, machine, TimeRangeKind.Last30Days)), baseline);
        Print("line dashboard, last 7 days", await MedianAsync(() => dashboards.GetAsync(KpiScope.Line, seeder.LineIds[0], TimeRangeKind.Last7Days)), baseline);
        Print("site KPIs, 7 days (all machines)", await MedianAsync(() => kpis.GetAsync(KpiScope.Site, seeder.SiteId, Window(from7, to7))), baseline);
        Print("site KPIs, 30 days (all machines)", await MedianAsync(() => kpis.GetAsync(KpiScope.Site, seeder.SiteId, Window(Rfc(now.AddDays(-30)), Rfc(now)))), baseline);
        Print("KPI API GET machines/{id}/kpis, 7 days", await MedianAsync(async () =>
            (await client.GetAsync($"/api/v1/machines/{machine}/kpis?from={from7}&to={to7}")).EnsureSuccessStatusCode()), baseline);

        // Long windows: the last 30 days and, with enough history, the last year (whole local days, ending today).
        Print("plant overview, last 30 days", await MedianAsync(() => overview.GetAsync(TimeRangeKind.Last30Days)), baseline);
        Print("site dashboard, last 30 days", await MedianAsync(() => dashboards.GetAsync(KpiScope.Site, seeder.SiteId, TimeRangeKind.Last30Days)), baseline);
        if (days >= 365)
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);
            var (yearFrom, yearTo) = (today.AddDays(-364), today);
            var from365 = Rfc(now.AddDays(-365));
            Print("plant overview, last 365 days", await MedianAsync(() => overview.GetAsync(TimeRangeKind.Custom, yearFrom, yearTo)), baseline);
            Print("machine KPIs, 365 days", await MedianAsync(() => kpis.GetAsync(KpiScope.Machine, machine, Window(from365, to7))), baseline);
            Print("machine dashboard, last 365 days", await MedianAsync(() => dashboards.GetAsync(KpiScope.Machine, machine, TimeRangeKind.Custom, yearFrom, yearTo)), baseline);
            Print("line dashboard, last 365 days", await MedianAsync(() => dashboards.GetAsync(KpiScope.Line, seeder.LineIds[0], TimeRangeKind.Custom, yearFrom, yearTo)), baseline);
            Print("site KPIs, 365 days (all machines)", await MedianAsync(() => kpis.GetAsync(KpiScope.Site, seeder.SiteId, Window(from365, to7))), baseline);
            Print("site dashboard, last 365 days", await MedianAsync(() => dashboards.GetAsync(KpiScope.Site, seeder.SiteId, TimeRangeKind.Custom, yearFrom, yearTo)), baseline);

            // The same plant as a 24/7 site (no shift calendar): the buckets do not depend on the calendar, but planned
            // time is then one window, read as weeks and days in the middle instead of 74 pieces every weekday.
            await using (var db = await contexts.CreateDbContextAsync())
            {
                var site = await db.Sites.FirstAsync(s => s.Id == seeder.SiteId);
                site.Shifts = [];
                await db.SaveChangesAsync();
            }
            Console.WriteLine("-- the same plant as a 24/7 site (no shift calendar):");
            await CompareWithTimelineAsync(contexts, seeder.MachineIds, now, 30);
            Print("plant overview, last 365 days, 24/7", await MedianAsync(() => overview.GetAsync(TimeRangeKind.Custom, yearFrom, yearTo)), baseline);
            Print("machine dashboard, last 365 days, 24/7", await MedianAsync(() => dashboards.GetAsync(KpiScope.Machine, machine, TimeRangeKind.Custom, yearFrom, yearTo)), baseline);
            Print("line dashboard, last 365 days, 24/7", await MedianAsync(() => dashboards.GetAsync(KpiScope.Line, seeder.LineIds[0], TimeRangeKind.Custom, yearFrom, yearTo)), baseline);
            Print("site KPIs, 365 days, 24/7", await MedianAsync(() => kpis.GetAsync(KpiScope.Site, seeder.SiteId, Window(from365, to7))), baseline);
            Print("site dashboard, last 365 days, 24/7", await MedianAsync(() => dashboards.GetAsync(KpiScope.Site, seeder.SiteId, TimeRangeKind.Custom, yearFrom, yearTo)), baseline);
        }

        if (circuits > 0)
        {
            var memory = await CircuitMemory.MeasureAsync(app.Services, tenantId, userId, circuits, TimeSpan.FromSeconds(10));
            Console.WriteLine($"memory per open overview circuit ({memory.Circuits} circuits of {tiles} tiles, {memory.RenderBatches:N0} render batches while live, {memory.Errors} errors): {memory.BytesPerCircuit / 1024:N0} KiB (goal < 1 MiB)");
        }
        Console.WriteLine($"peak working set so far: {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576:N0} MiB");
    }

    /// <summary>
    /// Checks on the seeded plant that bucket sums give exactly what the state timeline gives (the last
    /// <paramref name="days"/> days: beyond the recent period, the minute buckets seeded are only those read).
    /// </summary>
    private static async Task CompareWithTimelineAsync(IDbContextFactory<AppDbContext> contexts, List<Guid> machineIds, DateTimeOffset seededAt, int days)
    {
        var now = DateTimeOffset.UtcNow;
        var start = Domain.MachineHistory.BucketSizes.StartOf(Domain.MachineHistory.BucketSize.Minute, seededAt.AddDays(-days));
        await using var db = await contexts.CreateDbContextAsync();
        var window = new TimeWindow(start, now);
        var buckets = await KpiData.LoadAsync(db, machineIds, window, now, perBucket: false, CancellationToken.None, downtime: true);
        var timeline = await KpiData.LoadAsync(db, machineIds, window, now, perBucket: true, CancellationToken.None);
        var differing = machineIds.Where(id => !SameTime(buckets.Totals(id), timeline.Totals(id))
            || !DowntimePareto.Build(buckets.Downtime([id])).SequenceEqual(DowntimePareto.Build(timeline.Downtime([id])), ParetoComparer)).ToList();
        Console.WriteLine($"bucket sums vs. state timeline, {days} days: {buckets.FromBucketSums} of {machineIds.Count} machines from bucket sums, {differing.Count} differ");
        foreach (var id in differing.Take(3))
        {
            Console.WriteLine($"  {id} from buckets: {buckets.Totals(id)}\n  {id} from timeline: {timeline.Totals(id)}");
            var edges = await db.MachineStateChanges.AsNoTracking().Where(c => c.MachineId == id && c.At >= start.AddHours(-2) && c.At < start.AddHours(2))
                .OrderBy(c => c.At).Select(c => new { c.At, c.State, c.Reason }).ToListAsync();
            Console.WriteLine($"  changes around the window start {start:O}: {string.Join("; ", edges.Select(e => $"{e.At:HH:mm:ss} {e.State} {e.Reason}"))}");
        }
    }

    /// <summary>
    /// Roll-ups (materialised by this first read, timed) against the composition of hour and minute buckets: every
    /// machine's totals and downtime Pareto.
    /// </summary>
    private static async Task CompareRollUpsAsync(IDbContextFactory<AppDbContext> contexts, List<Guid> machineIds, DateTimeOffset seededAt, int days)
    {
        var now = DateTimeOffset.UtcNow;
        var window = new TimeWindow(Domain.MachineHistory.BucketSizes.StartOf(Domain.MachineHistory.BucketSize.Minute, seededAt.AddDays(-days)), now);
        var first = Stopwatch.StartNew();
        KpiData rolled;
        await using (var db = await contexts.CreateDbContextAsync())
            rolled = await KpiData.LoadAsync(db, machineIds, window, now, perBucket: false, CancellationToken.None, downtime: true);
        first.Stop();
        int rows, weekRows;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            rows = await db.MachinePlannedDays.CountAsync();
            weekRows = await db.MachinePlannedWeeks.CountAsync();
        }
        var warm = Stopwatch.StartNew();
        await using (var db = await contexts.CreateDbContextAsync())
            rolled = await KpiData.LoadAsync(db, machineIds, window, now, perBucket: false, CancellationToken.None, downtime: true);
        warm.Stop();
        KpiData composed;
        await using (var db = await contexts.CreateDbContextAsync())
            composed = await KpiData.LoadAsync(db, machineIds, window, now, perBucket: false, CancellationToken.None, downtime: true, useRollUps: false);
        // Energy is a sum of doubles in another order (rows of days against buckets): it may differ in the 16th digit.
        var differing = machineIds.Where(id => rolled.Totals(id) with { EnergyKwh = 0 } != composed.Totals(id) with { EnergyKwh = 0 }
            || Math.Abs(rolled.Totals(id).EnergyKwh - composed.Totals(id).EnergyKwh) > 1e-9 * Math.Max(1, Math.Abs(composed.Totals(id).EnergyKwh))).ToList();
        var energyRounding = machineIds.Count(id => !differing.Contains(id) && rolled.Totals(id) != composed.Totals(id));
        var paretoDiffers = machineIds.Where(id => !DowntimePareto.Build(rolled.Downtime([id]))
            .SequenceEqual(DowntimePareto.Build(composed.Downtime([id])), ParetoComparer)).ToList();
        Console.WriteLine($"planned-day roll-ups, {days} days, {machineIds.Count} machines: first read {first.Elapsed.TotalMilliseconds:N0} ms " +
                          $"(materialised {rows:N0} day and {weekRows:N0} week roll-ups), next read {warm.Elapsed.TotalMilliseconds:N0} ms; vs. composed buckets: " +
                          $"{differing.Count} differ in totals ({energyRounding} more in energy's last digits), {paretoDiffers.Count} in their downtime Pareto");
        foreach (var id in differing.Take(3)) Console.WriteLine($"  {id} rolled: {rolled.Totals(id)}\n  {id} composed: {composed.Totals(id)}");
        foreach (var id in paretoDiffers.Take(3))
            Console.WriteLine($"  {id} rolled: {string.Join("; ", DowntimePareto.Build(rolled.Downtime([id])))}\n  {id} composed: {string.Join("; ", DowntimePareto.Build(composed.Downtime([id])))}");

        // The dashboards' weekly trend over the year: week roll-ups (and the days at the ragged ends) against buckets.
        static IReadOnlyList<TimeWindow> Weeks(TimeWindow evaluated)
        {
            var steps = new List<TimeWindow>();
            for (var week = BucketSize.Week.StartOf(evaluated.Start); week < evaluated.End; week += BucketSize.Week.Length())
                steps.Add(new TimeWindow(week < evaluated.Start ? evaluated.Start : week, week + BucketSize.Week.Length()));
            return steps;
        }
        KpiData steppedRolled, steppedComposed;
        await using (var db = await contexts.CreateDbContextAsync())
            steppedRolled = await KpiData.LoadAsync(db, machineIds, window, now, perBucket: false, CancellationToken.None, downtime: true, steps: Weeks);
        await using (var db = await contexts.CreateDbContextAsync())
            steppedComposed = await KpiData.LoadAsync(db, machineIds, window, now, perBucket: false, CancellationToken.None, downtime: true, steps: Weeks, useRollUps: false);
        var steps = Weeks(steppedRolled.Evaluated);
        var stepsDiffer = steps.Count(step => machineIds.Any(id => !SameTotals(steppedRolled.Totals(id, step), steppedComposed.Totals(id, step))));
        var stepParetoDiffers = machineIds.Count(id => !DowntimePareto.Build(steppedRolled.Downtime([id]))
            .SequenceEqual(DowntimePareto.Build(steppedComposed.Downtime([id])), ParetoComparer));
        Console.WriteLine($"weekly trend from week roll-ups, {steps.Count} steps x {machineIds.Count} machines vs. composed buckets: " +
                          $"{stepsDiffer} steps differ in some machine's totals, {stepParetoDiffers} machines in their downtime Pareto");
    }

    /// <summary>Equal totals, energy (a sum of doubles in another order) to its 15th digit.</summary>
    private static bool SameTotals(KpiTotals a, KpiTotals b) =>
        a with { EnergyKwh = 0 } == b with { EnergyKwh = 0 } && Math.Abs(a.EnergyKwh - b.EnergyKwh) <= 1e-9 * Math.Max(1, Math.Abs(b.EnergyKwh));

    private static bool SameTime(KpiTotals a, KpiTotals b) =>
        new[]
        {
            (a.PlannedSeconds, b.PlannedSeconds), (a.RunSeconds, b.RunSeconds), (a.BreakdownSeconds, b.BreakdownSeconds),
            (a.SmallStopSeconds, b.SmallStopSeconds), (a.SetupSeconds, b.SetupSeconds), (a.IdleSeconds, b.IdleSeconds),
            (a.OfflineSeconds, b.OfflineSeconds), (a.NoDataSeconds, b.NoDataSeconds), (a.PlannedStopSeconds, b.PlannedStopSeconds),
        }.All(p => Math.Abs(p.Item1 - p.Item2) < 1e-6) && a.BreakdownEpisodes == b.BreakdownEpisodes && a.GoodCount == b.GoodCount;

    private static readonly EqualityComparer<ParetoEntry> ParetoComparer = EqualityComparer<ParetoEntry>.Create(
        (a, b) => a!.Reason == b!.Reason && Math.Abs(a.Seconds - b.Seconds) < 1e-6 && a.Episodes == b.Episodes, e => e.Reason?.GetHashCode(StringComparison.Ordinal) ?? 0);

    /// <summary>The median of 10 runs after 2 warm-ups; of 3 runs after 1 when a run takes over 2 s (keeps the run time bounded).</summary>
    private static async Task<double> MedianAsync(Func<Task> action)
    {
        var first = Stopwatch.StartNew();
        await action();
        var slow = first.Elapsed > TimeSpan.FromSeconds(2);
        if (!slow) await action();
        var runs = slow ? 3 : Runs;
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[runs / 2];
    }

    private static void Print(string what, double ms, double baseline, string? note = null) =>
        Console.WriteLine($"{what,-48} {ms,9:N1} ms  {ms / baseline,7:N1}x baseline{(note is null ? "" : "  " + note)}");
}
