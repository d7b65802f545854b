using System.Text;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Pipeline.Inbox;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using FactoryCloud.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactoryCloud.IntegrationTests.Infrastructure.Pipeline.Inbox;

/// <summary>
/// A <see cref="TelemetryInbox"/> on a real SQLite file in a temp directory, its <see cref="InboxProcessor"/> (started
/// on demand) and the real <see cref="TelemetryStore"/> on the shared SQLite database behind a recorder, which keeps
/// every message the processor handed over, in order. The inbox can be closed and opened again on the same file.
/// </summary>
public sealed class InboxHarness : IAsyncDisposable
{
    private readonly TempDirectory _directory = TempDirectory.Create("fc-inbox-tests");
    private InboxProcessor? _processor;

    private InboxHarness(TestDatabase database, InboxOptions options)
    {
        Database = database;
        Options = options;
        options.Path = _directory.Combine("inbox.db");
        Store = new RecordingStore(new TelemetryStore(database.Contexts, database.IngestionSettings, NullLogger<TelemetryStore>.Instance));
        Inbox = new TelemetryInbox(options, TimeProvider.System);
    }

    public TestDatabase Database { get; }
    public InboxOptions Options { get; }
    public TelemetryInbox Inbox { get; private set; }
    public RecordingStore Store { get; }

    /// <summary>What the processor stores through; wraps <see cref="Store"/> (e.g. to fail or hold it).</summary>
    public ITelemetryStore ProcessorStore { get; set; } = default!;

    public static async Task<InboxHarness> CreateAsync(DatabaseServers servers, InboxOptions? options = null)
    {
        var harness = new InboxHarness(await servers.SharedAsync(DatabaseProvider.Sqlite), options ?? new InboxOptions());
        harness.ProcessorStore = harness.Store;
        return harness;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task StartProcessorAsync()
    {
        if (_processor is not null) throw new InvalidOperationException("The processor is already running.");
        _processor = new InboxProcessor(Inbox, ProcessorStore, Options, TimeProvider.System, NullLogger<InboxProcessor>.Instance);
        await _processor.StartAsync(Ct);
    }

    public async Task StopProcessorAsync()
    {
        if (_processor is null) return;
        await _processor.StopAsync(CancellationToken.None);
        Assert.False(_processor.ExecuteTask?.IsFaulted ?? false, _processor.ExecuteTask?.Exception?.ToString());
        _processor.Dispose();
        _processor = null;
    }

    /// <summary>Everything acknowledged so far has been stored (generous deadline: the machine is shared).</summary>
    public async Task WaitUntilProcessedAsync()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromMinutes(2));
        await Inbox.WaitUntilProcessedAsync(deadline.Token);
    }

    /// <summary>Stops the processor and closes the inbox (nothing is lost: what was not stored stays in the file), then opens it again.</summary>
    public async Task ReopenAsync()
    {
        await StopProcessorAsync();
        await Inbox.DisposeAsync();
        Inbox = new TelemetryInbox(Options, TimeProvider.System);
    }

    /// <summary>The rows in the inbox file, read through a connection of its own (as another process would).</summary>
    public List<string> DedupKeysInFile()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Options.Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DedupKey FROM Inbox ORDER BY Id";
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read()) keys.Add(reader.GetString(0));
        return keys;
    }

    /// <summary>A device of a machine in a new tenant of the shared database (see <see cref="TelemetryTestDevice"/>).</summary>
    public async Task<TelemetryTestDevice> DeviceAsync(Guid? tenantId = null) =>
        await TelemetryTestDevice.CreateAsync(Database, tenantId ?? (await TenantPair.CreateAsync(Database)).A);

    /// <summary>The device's next count message (one good part) as the ingress hands it over: with its parsed reading.</summary>
    public static AcceptedTelemetry Count(TelemetryTestDevice device, DateTimeOffset ts) => AsIngress(device.Count(ts, 1));

    public static AcceptedTelemetry AsIngress(AcceptedTelemetry message) =>
        message with { Reading = TelemetryParser.Parse(message.Channel, Encoding.UTF8.GetBytes(message.Payload), message.ReceivedAt).Reading };

    /// <summary>Raw events stored for the machine, and its good parts summed over the minute buckets.</summary>
    public async Task<(int Events, long Good)> StoredAsync(TelemetryTestDevice device)
    {
        await using var db = Database.Contexts.Create(DataScope.ForTenant(device.TenantId));
        var events = await db.TelemetryEvents.CountAsync(e => e.MachineId == device.MachineId, Ct);
        var good = await db.MachineBuckets.Where(b => b.MachineId == device.MachineId && b.Size == BucketSize.Minute).SumAsync(b => (long?)b.GoodCount, Ct) ?? 0;
        return (events, good);
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessorAsync();
        await Inbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    /// <summary>The real store, recording every message the processor handed over (whether it was new or not).</summary>
    public sealed class RecordingStore(ITelemetryStore inner) : ITelemetryStore
    {
        private readonly List<AcceptedTelemetry> _handed = [];

        public IReadOnlyList<AcceptedTelemetry> Handed
        {
            get
            {
                lock (_handed) return _handed.ToList();
            }
        }

        public async Task<TelemetryStoreResult> StoreAsync(IReadOnlyList<AcceptedTelemetry> batch, CancellationToken ct)
        {
            var result = await inner.StoreAsync(batch, ct);
            lock (_handed) _handed.AddRange(batch);
            return result;
        }
    }
}
