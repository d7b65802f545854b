using System.Diagnostics;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Pipeline.Inbox;
using FactoryCloud.Testing;
using Microsoft.Data.Sqlite;

namespace FactoryCloud.Benchmarks.Ingestion;

/// <summary>
/// `inbox`: the durable step alone. The baseline is SQLite itself committing one ~200-byte row per transaction in
/// WAL mode (with and without automatic checkpoints), against which the inbox's acknowledgement path is measured:
/// one writer awaiting each message (what one MQTT connection does) and four at once.
/// </summary>
internal static class InboxCommitBenchmark
{
    private const int Messages = 20_000;

    public static async Task RunAsync()
    {
        using var directory = TempDirectory.Create("fc-bench-inbox");
        var checkpointing = RawCommitMicroseconds(Path.Combine(directory.Path, "raw-a.db"), autoCheckpoint: true);
        var raw = RawCommitMicroseconds(Path.Combine(directory.Path, "raw-b.db"), autoCheckpoint: false);
        Console.WriteLine($"SQLite, one row per commit, WAL, synchronous=NORMAL, automatic checkpoints: {checkpointing,6:N1} µs per commit");
        Console.WriteLine($"SQLite, one row per commit, WAL, synchronous=NORMAL, no checkpoints (baseline): {raw,6:N1} µs per commit");

        await using var inbox = new TelemetryInbox(new InboxOptions { Path = Path.Combine(directory.Path, "inbox.db") }, TimeProvider.System);
        var (tenant, machine, device) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        const string body = "{\"ts\":\"2026-12-06T00:00:00Z\",\"seq\":1,\"good\":1,\"scrap\":0}";
        AcceptedTelemetry Message(string key) => new(tenant, machine, device, key, TelemetryChannel.Count, DateTimeOffset.UtcNow, body, DateTimeOffset.UtcNow);

        var one = Stopwatch.StartNew();
        for (var i = 0; i < Messages; i++) await inbox.WriteAsync(Message($"a:{i}"), default);
        var sequential = one.Elapsed.TotalMicroseconds / Messages;
        Console.WriteLine($"inbox, one writer awaiting each message:  {sequential,6:N1} µs per message ({1e6 / sequential,7:N0} msg/s, {raw / sequential:P0} of the baseline's commit rate)");

        var four = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async w =>
        {
            for (var i = 0; i < Messages / 4; i++) await inbox.WriteAsync(Message($"b{w}:{i}"), default);
        }));
        var concurrent = four.Elapsed.TotalMicroseconds / Messages;
        Console.WriteLine($"inbox, four writers at once:              {concurrent,6:N1} µs per message ({1e6 / concurrent,7:N0} msg/s)");
    }

    private static double RawCommitMicroseconds(string file, bool autoCheckpoint)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = (autoCheckpoint ? "" : "PRAGMA wal_autocheckpoint=0;")
                + "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE t (Id INTEGER PRIMARY KEY, Key TEXT, Payload TEXT); CREATE UNIQUE INDEX k ON t (Key);";
            setup.ExecuteNonQuery();
        }
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT OR IGNORE INTO t (Id, Key, Payload) VALUES ($id, $key, $payload)";
        var (id, key, payload) = (insert.Parameters.Add("$id", SqliteType.Integer), insert.Parameters.Add("$key", SqliteType.Text), insert.Parameters.Add("$payload", SqliteType.Text));
        insert.Prepare();
        payload.Value = new string('x', 200);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Messages; i++)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            id.Value = i;
            key.Value = "key-" + i;
            insert.ExecuteNonQuery();
            transaction.Commit();
        }
        return stopwatch.Elapsed.TotalMicroseconds / Messages;
    }
}
