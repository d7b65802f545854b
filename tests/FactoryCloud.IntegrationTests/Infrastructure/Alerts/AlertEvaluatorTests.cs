using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Alerts;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactoryCloud.IntegrationTests.Infrastructure.Alerts;

/// <summary>
/// The evaluator on both providers, against telemetry stored by the real store, at chosen instants. Its own databases:
/// the web app's alert worker sweeps every tenant of the shared ones at the real time.
/// </summary>
public sealed class AlertEvaluatorTests(AlertEvaluatorTests.Databases databases) : IClassFixture<AlertEvaluatorTests.Databases>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 7, 58, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AMachineSilentForNMinutesRaisesOnTheSweepAndANewMessageClearsIt(DatabaseProvider provider)
    {
        var (database, tenant, store, clock, evaluator) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, tenant);
        var rule = await AddRuleAsync(database, tenant, AlertRuleKind.NoData, AlertScopeKind.Machine, device.MachineId, 15);
        await store.StoreAsync([device.State(T0, MachineState.Running)], Ct); // last seen T0 + 2 s

        clock.Now = T0.AddMinutes(10);
        Assert.Equal(0, await evaluator.EvaluateAsync(tenant, null, Ct));
        clock.Now = T0.AddMinutes(16);
        Assert.Equal(1, await evaluator.EvaluateAsync(tenant, null, Ct));
        Assert.Equal(0, await evaluator.EvaluateAsync(tenant, null, Ct)); // no duplicate on re-evaluation

        var raised = Assert.Single(await AlertsAsync(database, tenant));
        Assert.Equal((rule.Id, device.MachineId, AlertStatus.Open, "No data for 15 min"), (raised.RuleId, raised.MachineId, raised.Status, raised.Detail));

        device.Delay = TimeSpan.FromMinutes(16); // received now
        await store.StoreAsync([device.Count(T0.AddSeconds(10), 5)], Ct);
        Assert.Equal(1, await evaluator.EvaluateAsync(tenant, [device.MachineId], Ct));

        var cleared = Assert.Single(await AlertsAsync(database, tenant));
        Assert.Equal((AlertStatus.Closed, clock.Now, clock.Now, (Guid?)null), (cleared.Status, cleared.ClosedAt, cleared.ClearedAt, cleared.ClosedBy));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AMeasurementAboveItsLimitForNMinutesRaisesAndAValueBackWithinClears(DatabaseProvider provider)
    {
        var (database, tenant, store, clock, evaluator) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, tenant);
        await AddRuleAsync(database, tenant, AlertRuleKind.MeasureAbove, AlertScopeKind.Machine, device.MachineId, 5, 90, "temperature_c");
        await store.StoreAsync(
        [
            device.Measure(T0, """{"temperature_c":85}"""),
            device.Measure(T0.AddMinutes(1), """{"temperature_c":91.5,"energy_kwh":0.1}"""),
            device.Measure(T0.AddMinutes(2), """{"pressure_bar":3}"""),
            device.Measure(T0.AddMinutes(4), """{"temperature_c":95}"""),
        ], Ct);

        clock.Now = T0.AddMinutes(5);
        Assert.Equal(0, await evaluator.EvaluateAsync(tenant, [device.MachineId], Ct)); // above for 4 min only
        clock.Now = T0.AddMinutes(6);
        Assert.Equal(1, await evaluator.EvaluateAsync(tenant, [device.MachineId], Ct));
        Assert.Equal("temperature_c 95 above 90 for 5 min", Assert.Single(await AlertsAsync(database, tenant)).Detail);

        await store.StoreAsync([device.Measure(T0.AddMinutes(6.5), """{"temperature_c":89.9}""")], Ct);
        clock.Now = T0.AddMinutes(7);
        Assert.Equal(1, await evaluator.EvaluateAsync(tenant, [device.MachineId], Ct));
        Assert.Equal(AlertStatus.Closed, Assert.Single(await AlertsAsync(database, tenant)).Status);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OeeBelowTheLimitOverTheRollingWindowRaisesFromTheStoredBuckets(DatabaseProvider provider)
    {
        var (database, tenant, store, clock, evaluator) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, tenant, idealCycleTimeSeconds: 1.0);
        await AddRuleAsync(database, tenant, AlertRuleKind.OeeBelow, AlertScopeKind.Machine, device.MachineId, 30, threshold: 50);
        // Window [T0+30, T0+60): running throughout, 600 units at 1 s in it → OEE 600 / 1800 = 33.3 %.
        await store.StoreAsync(
        [
            device.State(T0, MachineState.Running),
            device.State(T0.AddMinutes(45), MachineState.Running, "restart"),
            device.Count(T0.AddMinutes(20), good: 5000),
            device.Count(T0.AddMinutes(40), good: 600),
        ], Ct);

        clock.Now = T0.AddMinutes(60);
        Assert.Equal(1, await evaluator.EvaluateAsync(tenant, [device.MachineId], Ct));
        Assert.Equal("OEE 33.3 % over the last 30 min (limit 50 %)", Assert.Single(await AlertsAsync(database, tenant)).Detail);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AMachineThatStartedSendingMinutesAgoIsNotJudgedOnItsFirstMinutes(DatabaseProvider provider)
    {
        var (database, tenant, store, clock, evaluator) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, tenant, idealCycleTimeSeconds: 1.0);
        await AddRuleAsync(database, tenant, AlertRuleKind.OeeBelow, AlertScopeKind.Machine, device.MachineId, 30, threshold: 50);
        await store.StoreAsync([device.State(T0, MachineState.Down, "jam")], Ct);

        // Two of the window's 30 minutes have data (the KPIs leave the time before the first message out of planned
        // time): an OEE of 0 % over them says too little, or a new machine's alert would flap with every message.
        clock.Now = T0.AddMinutes(2);
        Assert.Equal(0, await evaluator.EvaluateAsync(tenant, [device.MachineId], Ct));
        Assert.Empty(await AlertsAsync(database, tenant));

        // Twenty of thirty: judged.
        clock.Now = T0.AddMinutes(20);
        Assert.Equal(1, await evaluator.EvaluateAsync(tenant, [device.MachineId], Ct));
        Assert.StartsWith("OEE 0.0 % over the last 30 min", Assert.Single(await AlertsAsync(database, tenant)).Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AnOeeRuleJudgesTheWindowAsTheKpiApiDoesSoOutsideTheSitesShiftsNothingIsRaised(DatabaseProvider provider)
    {
        var (database, tenant, store, clock, evaluator) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, tenant, idealCycleTimeSeconds: 1.0);
        await AddRuleAsync(database, tenant, AlertRuleKind.OeeBelow, AlertScopeKind.Machine, device.MachineId, 30, threshold: 50);
        await store.StoreAsync([device.State(T0, MachineState.Down, "jam")], Ct);
        clock.Now = T0.AddMinutes(60);

        // Down for the whole window: OEE 0 % while the site plans production around the clock (no calendar).
        Assert.Equal(1, await evaluator.EvaluateAsync(tenant, [device.MachineId], Ct));
        await using (var db = database.Contexts.Create(DataScope.ForTenant(tenant)))
        {
            // The only shift is on another day: the window holds no planned time, so the dashboards show no OEE and
            // the rule's condition has ended.
            var site = await db.Sites.SingleAsync(Ct);
            var otherDay = clock.Now.AddDays(3).DayOfWeek;
            site.Shifts = [new ShiftPattern(otherDay, new TimeOnly(6, 0), new TimeOnly(14, 0))];
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(1, await evaluator.EvaluateAsync(tenant, [device.MachineId], Ct));
        Assert.NotNull(Assert.Single(await AlertsAsync(database, tenant)).ClearedAt);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AnAlertAUserClosedIsNotRaisedAgainUntilItsConditionHasEnded(DatabaseProvider provider)
    {
        var (database, tenant, store, clock, evaluator) = await SetUpAsync(provider);
        var device = await TelemetryTestDevice.CreateAsync(database, tenant);
        await AddRuleAsync(database, tenant, AlertRuleKind.MachineDown, AlertScopeKind.Machine, device.MachineId, 5);
        await store.StoreAsync([device.State(T0, MachineState.Down, "jam")], Ct);
        clock.Now = T0.AddMinutes(6);
        await evaluator.EvaluateAsync(tenant, [device.MachineId], Ct);
        await using (var db = database.Contexts.Create(DataScope.ForTenant(tenant)))
        {
            Assert.True((await db.Alerts.SingleAsync(Ct)).TryClose(Guid.NewGuid(), "Olivia", clock.Now));
            await db.SaveChangesAsync(Ct);
        }

        clock.Now = T0.AddMinutes(10);
        Assert.Equal(0, await evaluator.EvaluateAsync(tenant, null, Ct));
        await store.StoreAsync([device.State(T0.AddMinutes(11), MachineState.Running), device.State(T0.AddMinutes(12), MachineState.Down, "jam")], Ct);
        clock.Now = T0.AddMinutes(12.5);
        Assert.Equal(1, await evaluator.EvaluateAsync(tenant, null, Ct)); // the ended condition clears the closed alert
        clock.Now = T0.AddMinutes(18);
        Assert.Equal(1, await evaluator.EvaluateAsync(tenant, null, Ct)); // down again for 6 min: a new alert

        var alerts = await AlertsAsync(database, tenant);
        Assert.Equal(2, alerts.Count);
        Assert.Single(alerts, a => a.Status == AlertStatus.Open);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ALineRuleWatchesEachMachineOfTheLineAndADisabledRuleClearsItsAlerts(DatabaseProvider provider)
    {
        var (database, tenant, store, clock, evaluator) = await SetUpAsync(provider);
        var press = await TelemetryTestDevice.CreateAsync(database, tenant);
        Guid line, otherMachine;
        await using (var db = database.Contexts.Create(DataScope.ForTenant(tenant)))
        {
            line = await db.Machines.Where(m => m.Id == press.MachineId).Select(m => m.LineId).SingleAsync(Ct);
            var other = new Machine { LineId = line, Key = "bender", Name = "Bender" };
            db.Machines.Add(other);
            await db.SaveChangesAsync(Ct);
            otherMachine = other.Id;
        }
        var bender = new TelemetryTestDevice(tenant, otherMachine);
        var rule = await AddRuleAsync(database, tenant, AlertRuleKind.MachineDown, AlertScopeKind.Line, line, 5);
        await store.StoreAsync([press.State(T0, MachineState.Down), bender.State(T0, MachineState.Down, "no material")], Ct);

        clock.Now = T0.AddMinutes(5);
        Assert.Equal(2, await evaluator.EvaluateAsync(tenant, null, Ct));
        Assert.Equal(new[] { otherMachine, press.MachineId }.Order(), (await AlertsAsync(database, tenant)).Select(a => a.MachineId).Order());

        await using (var db = database.Contexts.Create(DataScope.ForTenant(tenant)))
        {
            (await db.AlertRules.SingleAsync(r => r.Id == rule.Id, Ct)).Enabled = false;
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(2, await evaluator.EvaluateAsync(tenant, null, Ct));
        Assert.All(await AlertsAsync(database, tenant), a => Assert.Equal(AlertStatus.Closed, a.Status));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ACommitNotifiesTheWorkerWhichRaisesTheAlertForTheTouchedMachine(DatabaseProvider provider)
    {
        var (database, tenant, _, clock, evaluator) = await SetUpAsync(provider);
        var notifications = new TelemetryNotifications();
        var store = new TelemetryStore(database.Contexts, database.IngestionSettings, NullLogger<TelemetryStore>.Instance, notifications);
        var device = await TelemetryTestDevice.CreateAsync(database, tenant);
        await AddRuleAsync(database, tenant, AlertRuleKind.MachineDown, AlertScopeKind.Machine, device.MachineId, 5);
        clock.Now = T0.AddMinutes(30);
        using var worker = new AlertEvaluationWorker(notifications, evaluator, database.Contexts,
            Microsoft.Extensions.Options.Options.Create(new AlertEvaluationOptions { SweepInterval = TimeSpan.FromHours(1) }), clock,
            NullLogger<AlertEvaluationWorker>.Instance);
        await worker.StartAsync(Ct);

        await store.StoreAsync([device.State(T0, MachineState.Down, "jam")], Ct);

        var alert = await EventuallyAsync(async () => (await AlertsAsync(database, tenant)).SingleOrDefault());
        Assert.Equal("Down for 30 min (jam)", alert.Detail);
        await worker.StopAsync(Ct);
    }

    private async Task<(TestDatabase, Guid Tenant, TelemetryStore, FixedClock, AlertEvaluator)> SetUpAsync(DatabaseProvider provider)
    {
        var database = await databases.GetAsync(provider);
        var pair = await TenantPair.CreateAsync(database);
        var clock = new FixedClock();
        var evaluator = new AlertEvaluator(database.Contexts, new AlertNotifications(), clock, NullLogger<AlertEvaluator>.Instance);
        return (database, pair.A, new TelemetryStore(database.Contexts, database.IngestionSettings, NullLogger<TelemetryStore>.Instance), clock, evaluator);
    }

    private static async Task<AlertRule> AddRuleAsync(
        TestDatabase database, Guid tenant, AlertRuleKind kind, AlertScopeKind scope, Guid scopeId, int minutes, double? threshold = null, string? measure = null)
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(tenant));
        var rule = new AlertRule
        {
            Name = kind.ToString(), Kind = kind, ScopeKind = scope, ScopeId = scopeId, DurationMinutes = minutes,
            Threshold = threshold, MeasureName = measure, CreatedAt = T0,
        };
        db.AlertRules.Add(rule);
        await db.SaveChangesAsync(Ct);
        return rule;
    }

    private static async Task<List<Alert>> AlertsAsync(TestDatabase database, Guid tenant)
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(tenant));
        return await db.Alerts.AsNoTracking().OrderBy(a => a.RaisedAt).ToListAsync(Ct);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException("The condition was not reached within 10 s.");
    }

    public sealed class Databases(DatabaseServers servers) : IAsyncDisposable
    {
        private readonly SemaphoreSlim _lock = new(1, 1);
        private readonly Dictionary<DatabaseProvider, TestDatabase> _databases = [];

        public async Task<TestDatabase> GetAsync(DatabaseProvider provider)
        {
            await _lock.WaitAsync();
            try
            {
                if (!_databases.TryGetValue(provider, out var database))
                    _databases[provider] = database = await TestDatabase.CreateAsync(provider, servers.Postgres);
                return database;
            }
            finally
            {
                _lock.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var database in _databases.Values) await database.DisposeAsync();
            _lock.Dispose();
        }
    }

    private sealed class FixedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = T0;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
