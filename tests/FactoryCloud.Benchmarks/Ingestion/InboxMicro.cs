using System.Diagnostics;
using FactoryCloud.Domain.Ingestion;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Pipeline.Inbox;
using FactoryCloud.Testing;
using Microsoft.Data.Sqlite;

namespace FactoryCloud.Benchmarks.Ingestion;

internal static class InboxMicro
{
    public static async Task RunAsync()
    {
        using var dir = TempDirectory.Create("fc-inbox-micro");
        foreach (var pragmas in (string[])["", "PRAGMA wal_autocheckpoint=0;", "PRAGMA wal_autocheckpoint=0; PRAGMA locking_mode=EXCLUSIVE;", "PRAGMA locking_mode=EXCLUSIVE;"])
        {
        var file = Path.Combine(dir.Path, $"raw{pragmas.Length}.db");
        using (var c = new SqliteConnection($"Data Source={file};Pooling=false"))
        {
            c.Open();
            using (var p = c.CreateCommand()) { p.CommandText = pragmas + "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE t(id INTEGER PRIMARY KEY, k TEXT, v TEXT); CREATE UNIQUE INDEX ik ON t(k);"; p.ExecuteNonQuery(); }
            using var ins = c.CreateCommand();
            ins.CommandText = "INSERT OR IGNORE INTO t(id,k,v) VALUES($i,$k,$v)";
            var pi = ins.Parameters.Add("$i", SqliteType.Integer); var pk = ins.Parameters.Add("$k", SqliteType.Text); var pv = ins.Parameters.Add("$v", SqliteType.Text);
            ins.Prepare();
            var payload = new string('x', 200);
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 20000; i++)
            {
                using var tx = c.BeginTransaction();
                ins.Transaction = tx; pi.Value = i; pk.Value = "key-" + i; pv.Value = payload; ins.ExecuteNonQuery(); tx.Commit();
            }
            Console.WriteLine($"raw sqlite 1 row/commit [{pragmas}]: {sw.Elapsed.TotalMicroseconds / 20000:N1} us per commit; wal {new FileInfo(file + "-wal").Length / 1024:N0} KiB");
        }
        }
        await using var inbox = new TelemetryInbox(new InboxOptions { Path = Path.Combine(dir.Path, "inbox.db") }, TimeProvider.System);
        var tenant = Guid.NewGuid(); var machine = Guid.NewGuid(); var device = Guid.NewGuid();
        var body = "{\"ts\":\"2026-12-06T00:00:00Z\",\"seq\":1,\"good\":1,\"scrap\":0}";
        var sw2 = Stopwatch.StartNew();
        for (var i = 0; i < 20000; i++)
            await inbox.WriteAsync(new AcceptedTelemetry(tenant, machine, device, "d:" + i, TelemetryChannel.Count, DateTimeOffset.UtcNow, body, DateTimeOffset.UtcNow), default);
        Console.WriteLine($"inbox sequential write (1 connection, no processor): {sw2.Elapsed.TotalMicroseconds / 20000:N1} us per message");
        var sw3 = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async t =>
        {
            for (var i = 0; i < 10000; i++)
                await inbox.WriteAsync(new AcceptedTelemetry(tenant, machine, device, $"e{t}:" + i, TelemetryChannel.Count, DateTimeOffset.UtcNow, body, DateTimeOffset.UtcNow), default);
        }));
        Console.WriteLine($"inbox 4 concurrent writers: {sw3.Elapsed.TotalMicroseconds / 40000:N1} us per message");
    }
}
