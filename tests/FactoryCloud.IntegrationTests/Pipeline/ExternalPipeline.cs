using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.Testing;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.IntegrationTests.Pipeline;

/// <summary>
/// The production shape of ingestion, each part a real service or process: a tenant's plant onboarded through the
/// API; mosquitto running the app's exported password and ACL files (plus the worker's user) with persistence; the
/// ingestion worker process subscribed to it, queueing through a <see cref="PipelineQueue"/> (RabbitMQ over AMQP 1.0,
/// or the Service Bus SDK against the local host); a processor process (the same host with
/// <c>Ingestion:RunProcessor=true</c>, <c>Mqtt:Mode=None</c>) storing into PostgreSQL.
/// </summary>
public sealed class ExternalPipeline : IAsyncDisposable
{
    public const string WorkerUser = "fc-ingestion";
    private const string WorkerPassword = "worker-Password-1";

    private readonly TempDirectory _directory;

    private readonly PipelineQueue _queue;

    private ExternalPipeline(TempDirectory directory, ApiSession owner, IReadOnlyDictionary<string, Guid> machines, JsonElement device, MosquittoBroker broker, PipelineQueue queue)
    {
        _queue = queue;
        _directory = directory;
        Owner = owner;
        Machines = machines;
        Device = device;
        Broker = broker;
    }

    public ApiSession Owner { get; }

    /// <summary>Machine key (press-1 ... press-N, all on plant-1/assembly/line-1) to machine id.</summary>
    public IReadOnlyDictionary<string, Guid> Machines { get; }

    /// <summary>Credentials of one gateway device for the whole line.</summary>
    public JsonElement Device { get; }

    public MosquittoBroker Broker { get; }

    public IngestionProcess Worker { get; private set; } = default!;

    public IngestionProcess Processor { get; private set; } = default!;

    public string TopicOf(string machine, string channel) => $"fc/v1/{Owner.Slug}/plant-1/assembly/line-1/{machine}/{channel}";

    /// <summary>Starts the pipeline on <paramref name="queue"/>, which it disposes with itself.</summary>
    public static async Task<ExternalPipeline> StartAsync(FactoryCloudApp app, PipelineQueue queue, int machineCount, CancellationToken ct)
    {
        var assembly = IngestionProcess.AssemblyAsync(); // builds the worker meanwhile, if needed
        var owner = await ApiSession.SignUpAsync(app);
        var plant = await TestPlant.CreateAsync(owner);
        var machines = new Dictionary<string, Guid> { ["press-1"] = plant.Machine };
        for (var i = 2; i <= machineCount; i++)
        {
            var key = "press-" + i.ToString(CultureInfo.InvariantCulture);
            var response = await owner.Client.PostAsJsonAsync($"/api/v1/lines/{plant.Line}/machines", new { key, name = "Press " + i, idealCycleTimeSeconds = 2.5 }, ct);
            response.EnsureSuccessStatusCode();
            machines[key] = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        }
        var device = await plant.IssueCredentialsAsync(owner, "lines");
        var passwd = await owner.Client.GetStringAsync("/api/v1/devices/mosquitto/passwd", ct);
        var acl = await owner.Client.GetStringAsync("/api/v1/devices/mosquitto/acl", ct);
        var username = device.GetProperty("username").GetString();
        if (!passwd.Contains(username + ":", StringComparison.Ordinal) || !acl.Contains("user " + username + "\n", StringComparison.Ordinal))
            throw new InvalidOperationException($"The exported mosquitto files lack device {username}:\n{passwd}\n{acl}");

        var broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            AllowAnonymous = false,
            PasswordFileContent = passwd,
            Users = new Dictionary<string, string> { [WorkerUser] = WorkerPassword },
            AclFileContent = acl + $"user {WorkerUser}\ntopic read fc/v1/#\n",
            Persistence = true,
            // The defaults (1000 queued per client) would drop messages while the worker is down: production needs this too.
            AdditionalConfigLines = ["max_queued_messages 1000000", "max_inflight_messages 1000"],
        }, ct);
        var pipeline = new ExternalPipeline(TempDirectory.Create("fctest-pipeline"), owner, machines, device, broker, queue);
        try
        {
            await assembly;
            var queueName = "telemetry-" + Guid.NewGuid().ToString("N")[..8];
            var common = new Dictionary<string, string?>(app.Database.Settings.Concat(queue.SettingsFor(queueName)))
            {
                ["Database:ApplyMigrations"] = "false",
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
                ["Logging:Console:FormatterName"] = "simple",
                ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
            };
            pipeline.Processor = await IngestionProcess.StartAsync("processor", new Dictionary<string, string?>(common)
            {
                ["Mqtt:Mode"] = "None",
                ["Ingestion:RunProcessor"] = "true",
            }, pipeline._directory.Path);
            pipeline.Worker = await IngestionProcess.StartAsync("worker", new Dictionary<string, string?>(common)
            {
                ["Mqtt:Mode"] = "External",
                ["Mqtt:External:Host"] = broker.Host,
                ["Mqtt:External:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
                ["Mqtt:External:ClientId"] = "fc-ingestion-test-" + queueName,
                ["Mqtt:External:Username"] = WorkerUser,
                ["Mqtt:External:Password"] = WorkerPassword,
                ["Mqtt:External:SharedGroup"] = "fc-ingestion",
                ["Ingestion:RunProcessor"] = "false",
            }, pipeline._directory.Path);
            // Subscribed (the session then outlives the worker): only now does the broker keep messages for it.
            await pipeline.Worker.WaitForLogAsync("Ingesting from", TimeSpan.FromSeconds(30));
            await pipeline.Processor.WaitForLogAsync("Application started", TimeSpan.FromSeconds(30));
            return pipeline;
        }
        catch
        {
            await pipeline.DisposeAsync();
            throw;
        }
    }

    public async Task<ReliablePublisher> ConnectDeviceAsync(CancellationToken ct) =>
        await ReliablePublisher.ConnectAsync(Broker.Host, Broker.Port, Device.GetProperty("clientId").GetString()!,
            Device.GetProperty("username").GetString()!, Device.GetProperty("password").GetString()!, ct);

    /// <summary>The tenant's stored events (machine, payload), read as the app role under row-level security.</summary>
    public async Task<List<(Guid MachineId, string Payload)>> EventsAsync(FactoryCloudApp app)
    {
        await using var db = app.Database.Contexts.Create(DataScope.ForTenant(Owner.TenantId));
        var rows = await db.TelemetryEvents.Select(e => new { e.MachineId, e.Payload }).ToListAsync();
        return rows.ConvertAll(r => (r.MachineId, r.Payload));
    }

    public async Task<int> EventCountAsync(FactoryCloudApp app)
    {
        await using var db = app.Database.Contexts.Create(DataScope.ForTenant(Owner.TenantId));
        return await db.TelemetryEvents.CountAsync();
    }

    /// <summary>
    /// What went wrong, for a failed assertion: the tails of the worker, processor and broker logs, and where the
    /// queue stands (messages waiting, locked, settled), so a stall shows which hop holds the messages.
    /// </summary>
    public async Task<string> DiagnosticsAsync() =>
        $"\n--- worker ---\n{Worker?.Tail()}\n--- processor ---\n{Processor?.Tail()}\n--- mosquitto ---\n" +
        string.Join('\n', File.Exists(Broker.LogFile) ? File.ReadAllLines(Broker.LogFile).TakeLast(30) : []) +
        "\n" + await _queue.DiagnosticsAsync();

    public async ValueTask DisposeAsync()
    {
        if (Worker is not null) await Worker.DisposeAsync();
        if (Processor is not null) await Processor.DisposeAsync();
        await Broker.DisposeAsync();
        await _queue.DisposeAsync();
        _directory.Dispose();
    }
}
