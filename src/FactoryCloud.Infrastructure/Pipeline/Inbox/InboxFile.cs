using System.Globalization;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Telemetry;
using Microsoft.Data.Sqlite;

namespace FactoryCloud.Infrastructure.Pipeline.Inbox;

/// <summary>
/// The inbox's SQLite file: one append-only table of accepted messages, in write-ahead-log mode. The writer appends
/// with ids it assigns in commit order; the processor reads in id order and deletes what it has stored. A lock file
/// beside it keeps a second process out (two writers would assign the same ids).
/// </summary>
internal sealed class InboxFile : IDisposable
{
    private readonly SqliteConnection _writer;
    private readonly SqliteConnection _reader;
    private readonly SqliteCommand _insert;
    private readonly FileStream _lock;

    public InboxFile(string path, InboxDurability durability)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        try
        {
            _lock = new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e)
        {
            throw new Configuration.InvalidSettingException(
                $"The telemetry inbox '{path}' is in use by another FactoryCloud process ({e.Message}). Give each process its own Inbox:Path.");
        }
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString();
        _writer = Open(connectionString, durability);
        // The processor's connection checkpoints passively after each batch, which copies most of the log. But the log
        // starts again from its beginning only when a checkpoint has copied all of it before the next commit, and under a
        // steady stream the writer commits during every passive checkpoint: the log would grow by ~7 KB a message for as
        // long as the stream lasts. So the writer checkpoints too, in its own commit (it writes nothing meanwhile), but
        // only past 16,384 pages (64 MiB): at SQLite's default of 1,000 pages that cost the acknowledgement path half its
        // time (an fsync in it under synchronous=NORMAL).
        Execute(_writer, "PRAGMA wal_autocheckpoint=16384; PRAGMA journal_size_limit=67108864;");
        Execute(_writer, """
            CREATE TABLE IF NOT EXISTS Inbox (
                Id INTEGER PRIMARY KEY, TenantId BLOB NOT NULL, MachineId BLOB NOT NULL, DeviceId BLOB NOT NULL,
                DedupKey TEXT NOT NULL, Channel INTEGER NOT NULL, Timestamp INTEGER NOT NULL, Payload TEXT NOT NULL,
                ReceivedAt INTEGER NOT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS IX_Inbox_Key ON Inbox (TenantId, DedupKey);
            """);
        _reader = Open(connectionString, durability);
        _insert = _writer.CreateCommand();
        _insert.CommandText = """
            INSERT OR IGNORE INTO Inbox (Id, TenantId, MachineId, DeviceId, DedupKey, Channel, Timestamp, Payload, ReceivedAt)
            VALUES ($id, $tenant, $machine, $device, $key, $channel, $ts, $payload, $received)
            """;
        foreach (var name in (string[])["$id", "$tenant", "$machine", "$device", "$key", "$channel", "$ts", "$payload", "$received"])
            _insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        _insert.Prepare();
        Path = path;
    }

    public string Path { get; }

    private static SqliteConnection Open(string connectionString, InboxDurability durability)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        var synchronous = durability == InboxDurability.Power ? "FULL" : "NORMAL";
        Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=30000;");
        return connection;
    }

    /// <summary>The first and last stored ids (null when empty), and the pending messages per tenant.</summary>
    public (long? First, long? Last, Dictionary<Guid, long> PerTenant, DateTimeOffset? OldestReceivedAt) Describe()
    {
        using var command = _reader.CreateCommand();
        command.CommandText = "SELECT MIN(Id), MAX(Id) FROM Inbox";
        long? first = null, last = null;
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read() && !reader.IsDBNull(0)) (first, last) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        var perTenant = new Dictionary<Guid, long>();
        command.CommandText = "SELECT TenantId, COUNT(*) FROM Inbox GROUP BY TenantId";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) perTenant[new Guid((byte[])reader[0])] = reader.GetInt64(1);
        }
        DateTimeOffset? oldest = null;
        if (first is { } id)
        {
            command.CommandText = "SELECT ReceivedAt FROM Inbox WHERE Id = $id";
            command.Parameters.AddWithValue("$id", id);
            oldest = new DateTimeOffset((long)command.ExecuteScalar()!, TimeSpan.Zero);
        }
        return (first, last, perTenant, oldest);
    }

    /// <summary>
    /// Appends the messages in one transaction with ids from <paramref name="firstId"/> on; returns which were kept
    /// (false: the same tenant and dedup key is already waiting in the inbox).
    /// </summary>
    public bool[] Append(IReadOnlyList<AcceptedTelemetry> messages, long firstId)
    {
        var kept = new bool[messages.Count];
        using var transaction = _writer.BeginTransaction();
        _insert.Transaction = transaction;
        var p = _insert.Parameters;
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            p[0].Value = firstId + i;
            p[1].Value = m.TenantId.ToByteArray();
            p[2].Value = m.MachineId.ToByteArray();
            p[3].Value = m.DeviceId.ToByteArray();
            p[4].Value = m.DedupKey;
            p[5].Value = (int)m.Channel;
            p[6].Value = m.Timestamp.UtcTicks;
            p[7].Value = m.Payload;
            p[8].Value = m.ReceivedAt.UtcTicks;
            kept[i] = _insert.ExecuteNonQuery() == 1;
        }
        transaction.Commit();
        return kept;
    }

    /// <summary>Up to <paramref name="max"/> messages with ids in (<paramref name="after"/>, <paramref name="upTo"/>], in id order.</summary>
    public List<(long Id, AcceptedTelemetry Message)> Read(long after, long upTo, int max)
    {
        using var command = _reader.CreateCommand();
        command.CommandText = """
            SELECT Id, TenantId, MachineId, DeviceId, DedupKey, Channel, Timestamp, Payload, ReceivedAt
            FROM Inbox WHERE Id > $after AND Id <= $upTo ORDER BY Id LIMIT $max
            """;
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$upTo", upTo);
        command.Parameters.AddWithValue("$max", max);
        var rows = new List<(long, AcceptedTelemetry)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), new AcceptedTelemetry(
                new Guid((byte[])reader[1]), new Guid((byte[])reader[2]), new Guid((byte[])reader[3]), reader.GetString(4),
                (TelemetryChannel)reader.GetInt32(5), new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero), reader.GetString(7),
                new DateTimeOffset(reader.GetInt64(8), TimeSpan.Zero))));
        }
        return rows;
    }

    /// <summary>
    /// Removes every message up to <paramref name="upTo"/> (the processor has stored them), then copies the log into
    /// the file without waiting for the writer (a passive checkpoint), so the log is reused instead of growing.
    /// </summary>
    public void DeleteUpTo(long upTo)
    {
        using var command = _reader.CreateCommand();
        command.CommandText = "DELETE FROM Inbox WHERE Id <= $upTo";
        command.Parameters.AddWithValue("$upTo", upTo);
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        command.Parameters.Clear();
        command.ExecuteNonQuery();
    }

    public long Count()
    {
        using var command = _reader.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Inbox";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _writer.Dispose();
        _reader.Dispose();
        _lock.Dispose();
    }
}
