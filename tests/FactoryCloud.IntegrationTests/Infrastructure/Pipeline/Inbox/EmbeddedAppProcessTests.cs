using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Configuration;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Pipeline;
using FactoryCloud.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.IntegrationTests.Infrastructure.Pipeline.Inbox;

/// <summary>
/// The embedded app as its own process, as people run it (SQLite, the built-in broker, the inbox). kill -9 while four
/// <c>mosquitto_pub</c> publishers stream: after a restart on the same settings, every message whose PUBACK was seen
/// is stored exactly once as a raw event and counted once, and nothing is stored that was not published. A second
/// app on the same inbox does not start.
/// </summary>
public sealed class EmbeddedAppProcessTests(DatabaseServers servers)
{
    private const int Machines = 4;
    private const int PerMachine = 10_000;
    private const int AcksBeforeKill = 1_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_kill_and_a_restart_every_acknowledged_message_is_stored_and_counted_exactly_once()
    {
        using var work = TempDirectory.Create("fctest-inbox-kill");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, servers.Postgres);
        var (httpPort, mqttPort) = (FreePort.Next(), FreePort.Next());
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            ["Urls"] = $"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}",
            ["Mqtt:Mode"] = "BuiltIn",
            ["Mqtt:BindAddress"] = "127.0.0.1",
            ["Mqtt:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["Logging:Console:FormatterName"] = "simple",
            ["RateLimits:ApiPerClient:PermitLimit"] = "1000000", // the test polls the health API
        };
        await using var app = await IngestionProcess.StartAsync("web", settings, work.Path, AppAssemblies.Web());
        await app.WaitForLogAsync("Application started", TimeSpan.FromMinutes(2));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}") };
        var owner = await ApiSession.SignUpAsync(http);
        var plant = await KillTestPlant.OnboardAsync(owner);

        var acks = 0;
        var killAfter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var brokerUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        brokerUp.SetResult();
        var firstTs = DateTimeOffset.UtcNow.AddMinutes(-10);
        var devices = plant.Devices.Select((d, i) => new MosquittoPubDevice(d.MachineKey, "127.0.0.1", mqttPort, d.ClientId, d.Username, d.Password,
            $"fc/v1/{owner.Slug}/plant-1/assembly/line-1/{d.MachineKey}/count", MosquittoPubDevice.CountPayloads(PerMachine, firstTs),
            work.Path, () => { if (Interlocked.Increment(ref acks) >= AcksBeforeKill) killAfter.TrySetResult(); })).ToList();
        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        publishing.CancelAfter(TimeSpan.FromMinutes(5));
        var publishers = devices.Select(d => d.PublishAllAsync(() => Volatile.Read(ref brokerUp).Task, publishing.Token)).ToList();

        // Killed while PUBACKs flow and the processor has begun storing: some acknowledged messages are stored, some
        // only in the inbox, some in between (stored, not yet deleted from the inbox).
        await killAfter.Task.WaitAsync(TimeSpan.FromMinutes(2), Ct);
        await WaitUntilAnyStoredAsync(database, owner.TenantId);
        Volatile.Write(ref brokerUp, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        app.Kill();
        var ackedAtKill = devices.ToDictionary(d => d, d => d.AckedSeqs());
        var ackedCountAtKill = ackedAtKill.Values.Sum(s => s.Count);
        Assert.InRange(ackedCountAtKill, AcksBeforeKill, Machines * PerMachine - 1); // killed while messages were still flowing

        // What the dead process acknowledged is in the database or still in its inbox file.
        var inboxAtKill = SeqsInInbox(Path.ChangeExtension(new SqliteConnectionStringBuilder(database.AppConnectionString).DataSource, ".inbox.db"));
        var storedAtKill = (await StoredEventsAsync(database, owner.TenantId)).Select(e => (e.MachineId, e.Seq)).ToHashSet();
        foreach (var (device, seqs) in ackedAtKill)
        {
            var machine = plant.MachineId(device.Name);
            var lost = seqs.Where(seq => !inboxAtKill.Contains((machine, seq)) && !storedAtKill.Contains((machine, seq))).ToList();
            Assert.True(lost.Count == 0, $"{device.Name}: acknowledged before the kill but neither stored nor in the inbox: {string.Join(", ", lost.Take(20))}");
        }
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"At the kill: {ackedCountAtKill} acknowledged, {storedAtKill.Count} stored, {inboxAtKill.Count} waiting in the inbox.");

        await app.StartAsync();
        await app.WaitForLogAsync("Application started", TimeSpan.FromMinutes(2));
        brokerUp.SetResult();
        try
        {
            await Task.WhenAll(publishers);
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.Message}\n{string.Join("\n", devices.Select(d => $"--- {d.Name} ---\n{d.Tail()}"))}\n--- app ---\n{app.Tail()}");
        }
        Assert.All(devices, d => Assert.Empty(d.Refused()));
        TestContext.Current.TestOutputHelper?.WriteLine($"mosquitto_pub runs per device: {string.Join(", ", devices.Select(d => d.Runs))}");

        await WaitUntilProcessedAsync(owner, database, Machines * PerMachine, app);
        var stored = await StoredEventsAsync(database, owner.TenantId);
        foreach (var device in devices)
        {
            var machine = plant.MachineId(device.Name);
            var events = stored.Where(e => e.MachineId == machine).ToList();
            // Every acknowledged message once (all were acknowledged in the end), each exactly as published.
            Assert.Equal(Enumerable.Range(1, PerMachine), device.AckedSeqs());
            Assert.Equal(Enumerable.Range(1, PerMachine), events.Select(e => e.Seq).Order());
            Assert.All(events, e => Assert.Equal(device.Payloads[e.Seq - 1], e.Payload));
        }
        Assert.Equal(Machines * PerMachine, stored.Count); // nothing for any other machine, nothing never published

        // Counted once: the buckets and the KPI API add up to the stored count messages, not to what was resent.
        await using (var db = database.Contexts.Create(DataScope.ForTenant(owner.TenantId)))
        {
            foreach (var size in (BucketSize[])[BucketSize.Minute, BucketSize.Hour])
            {
                var perMachine = await db.MachineBuckets.Where(b => b.Size == size).GroupBy(b => b.MachineId)
                    .Select(g => new { Machine = g.Key, Good = g.Sum(b => b.GoodCount), Messages = g.Sum(b => b.MessageCount) }).ToListAsync(Ct);
                Assert.Equal(Machines, perMachine.Count);
                Assert.All(perMachine, m => Assert.Equal(((long)PerMachine, (long)PerMachine), (m.Good, m.Messages)));
            }
        }
        var from = Uri.EscapeDataString(firstTs.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture));
        var kpis = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/lines/{plant.LineId}/kpis?from={from}&to={to}", Ct);
        Assert.Equal(Machines * PerMachine, kpis.GetProperty("goodCount").GetInt64());
        var health = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/ingestion/health", Ct);
        Assert.Equal(0, health.GetProperty("refusedCount").GetInt64());
        Assert.Equal(0, health.GetProperty("lag").GetProperty("waitingMessages").GetInt64());
    }

    [Fact]
    public async Task A_second_app_on_the_same_inbox_does_not_start_and_says_why()
    {
        using var work = TempDirectory.Create("fctest-inbox-lock");
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, servers.Postgres);
        IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>(database.Settings)
        {
            ["Urls"] = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}",
            ["Mqtt:Mode"] = "BuiltIn",
            ["Mqtt:BindAddress"] = "127.0.0.1",
            ["Mqtt:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Logging:Console:FormatterName"] = "simple",
        };
        await using var first = await IngestionProcess.StartAsync("first", Settings(), work.Path, AppAssemblies.Web());
        await first.WaitForLogAsync("Application started", TimeSpan.FromMinutes(2));

        await using var second = await IngestionProcess.StartAsync("second", Settings(), work.Path, AppAssemblies.Web());
        await second.WaitForLogAsync("is in use by another FactoryCloud process", TimeSpan.FromMinutes(2));
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (second.IsRunning && DateTime.UtcNow < deadline) await Task.Delay(100, Ct);
        Assert.False(second.IsRunning, $"The second app kept running:\n{second.Tail()}");
        Assert.DoesNotContain("Application started", second.ReadLog(), StringComparison.Ordinal);
        Assert.True(first.IsRunning);
    }

    private static async Task WaitUntilAnyStoredAsync(TestDatabase database, Guid tenantId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            await using (var db = database.Contexts.Create(DataScope.ForTenant(tenantId)))
                if (await db.TelemetryEvents.AnyAsync(Ct)) return;
            Assert.True(DateTime.UtcNow < deadline, "Nothing was stored within a minute of the first acknowledgements.");
            await Task.Delay(20, Ct);
        }
    }

    /// <summary>Until the tenant's raw events reach <paramref name="expected"/> and its inbox is empty (health API).</summary>
    private static async Task WaitUntilProcessedAsync(ApiSession owner, TestDatabase database, int expected, IngestionProcess app)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        int stored;
        long waiting;
        do
        {
            await using (var db = database.Contexts.Create(DataScope.ForTenant(owner.TenantId)))
                stored = await db.TelemetryEvents.CountAsync(Ct);
            var health = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/ingestion/health", Ct);
            waiting = health.GetProperty("lag").GetProperty("waitingMessages").GetInt64();
            if (stored >= expected && waiting == 0) return;
            await Task.Delay(200, Ct);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"After 3 minutes {stored} of {expected} messages were stored and {waiting} waited in the inbox:\n{app.Tail()}");
    }

    private sealed record StoredEvent(Guid MachineId, int Seq, string Payload);

    private static async Task<List<StoredEvent>> StoredEventsAsync(TestDatabase database, Guid tenantId)
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(tenantId));
        var rows = await db.TelemetryEvents.AsNoTracking().Select(e => new { e.MachineId, e.Payload }).ToListAsync(Ct);
        return rows.ConvertAll(r => new StoredEvent(r.MachineId, Seq(r.Payload), r.Payload));
    }

    private static int Seq(string payload) => JsonDocument.Parse(payload).RootElement.GetProperty("seq").GetInt32();

    /// <summary>The (machine, seq) of every message in the inbox file, read as the next process would find it.</summary>
    private static HashSet<(Guid Machine, int Seq)> SeqsInInbox(string path)
    {
        Assert.True(File.Exists(path), $"No inbox at {path}");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MachineId, Payload FROM Inbox";
        using var reader = command.ExecuteReader();
        var seqs = new HashSet<(Guid, int)>();
        while (reader.Read()) seqs.Add((new Guid((byte[])reader[0]), Seq(reader.GetString(1))));
        return seqs;
    }

    /// <summary>A 24/7 site in UTC with one line of <see cref="Machines"/> machines, each with its own device, onboarded through the API.</summary>
    private sealed record KillTestPlant(Guid LineId, IReadOnlyList<KillTestDevice> Devices)
    {
        public Guid MachineId(string key) => Devices.Single(d => d.MachineKey == key).MachineId;

        public static async Task<KillTestPlant> OnboardAsync(ApiSession owner)
        {
            var site = await CreateAsync(owner, "/api/v1/sites", new { key = "plant-1", name = "Plant 1", timeZone = "UTC", shifts = Array.Empty<object>() });
            var area = await CreateAsync(owner, $"/api/v1/sites/{site}/areas", new { key = "assembly", name = "Assembly" });
            var line = await CreateAsync(owner, $"/api/v1/areas/{area}/lines", new { key = "line-1", name = "Line 1" });
            var devices = new List<KillTestDevice>();
            for (var i = 1; i <= Machines; i++)
            {
                var key = $"m-{i}";
                var machine = await CreateAsync(owner, $"/api/v1/lines/{line}/machines", new { key, name = $"Machine {i}", idealCycleTimeSeconds = 1.0 });
                var response = await owner.Client.PostAsync($"/api/v1/machines/{machine}/devices", null, Ct);
                response.EnsureSuccessStatusCode();
                var issued = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                devices.Add(new KillTestDevice(key, machine, issued.GetProperty("clientId").GetString()!, issued.GetProperty("username").GetString()!,
                    issued.GetProperty("password").GetString()!));
            }
            return new KillTestPlant(line, devices);
        }

        private static async Task<Guid> CreateAsync(ApiSession owner, string path, object body)
        {
            var response = await owner.Client.PostAsJsonAsync(path, body, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
        }
    }

    private sealed record KillTestDevice(string MachineKey, Guid MachineId, string ClientId, string Username, string Password);
}
