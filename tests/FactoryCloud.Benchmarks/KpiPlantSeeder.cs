using System.Data.Common;
using FactoryCloud.Domain.Ingestion;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace FactoryCloud.Benchmarks;

/// <summary>
/// A plant of 200 machines (1 site in Europe/Berlin with two shifts on weekdays, 4 areas × 5 lines × 10 machines)
/// with <c>days</c> of history: a state change every 5 to 25 minutes (running mostly, down, idle, changeover),
/// a minute bucket for every minute and an hour bucket for every hour (counts while running, state seconds of the
/// state at the minute's start: plausible, not exact), written with PostgreSQL COPY or one SQLite transaction.
/// </summary>
internal sealed class KpiPlantSeeder(Guid tenantId, int machines, int days, DateTimeOffset now)
{
    public Guid SiteId { get; private set; }
    public List<Guid> LineIds { get; } = [];
    public List<Guid> MachineIds { get; } = [];
    public long StateChangeRows { get; private set; }
    public long BucketRows { get; private set; }

    public async Task SeedAsync(AppDbContextFactory contexts, DatabaseProvider provider, string adminConnectionString)
    {
        await using (var db = contexts.Create(DataScope.ForTenant(tenantId)))
        {
            var weekday = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
            var site = new Site
            {
                Key = "plant-1", Name = "Plant 1", TimeZone = "Europe/Berlin",
                Shifts = weekday.SelectMany(d => new[]
                {
                    new ShiftPattern(d, new TimeOnly(6, 0), new TimeOnly(14, 0), Name: "Early"),
                    new ShiftPattern(d, new TimeOnly(14, 0), new TimeOnly(22, 0), Name: "Late"),
                    new ShiftPattern(d, new TimeOnly(9, 0), new TimeOnly(9, 30), ShiftWindowKind.PlannedBreak),
                    new ShiftPattern(d, new TimeOnly(18, 0), new TimeOnly(18, 30), ShiftWindowKind.PlannedBreak),
                }).ToList(),
            };
            db.Add(site);
            SiteId = site.Id;
            for (var a = 0; a < 4; a++)
            {
                var area = new Area { SiteId = site.Id, Key = $"area-{a}", Name = $"Area {a}" };
                db.Add(area);
                for (var l = 0; l < 5; l++)
                {
                    var line = new Line { AreaId = area.Id, Key = $"line-{l}", Name = $"Line {a}.{l}" };
                    db.Add(line);
                    LineIds.Add(line.Id);
                    for (var m = 0; m < machines / 20; m++)
                    {
                        var machine = new Machine { LineId = line.Id, Key = $"m-{a}-{l}-{m}", Name = $"Machine {a}.{l}.{m:00}", IdealCycleTimeSeconds = 1.0 };
                        db.Add(machine);
                        MachineIds.Add(machine.Id);
                    }
                }
            }
            await db.SaveChangesAsync();
        }

        var random = new Random(42);
        if (provider == DatabaseProvider.Postgres) await CopyToPostgresAsync(adminConnectionString, random);
        else await InsertIntoSqliteAsync(adminConnectionString, random);
    }

    private sealed record Episode(DateTimeOffset At, MachineState State, string? Reason);

    private IEnumerable<(Guid Machine, List<Episode> Episodes)> Histories(Random random)
    {
        var start = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-days);
        string?[] reasons = ["jam", "motor_fault", "material_missing", "sensor_fault", null];
        foreach (var machine in MachineIds)
        {
            var episodes = new List<Episode>();
            for (var at = start.AddSeconds(random.Next(0, 600)); at < now; at = at.AddMinutes(5 + random.Next(0, 20)))
            {
                var roll = random.NextDouble();
                var state = roll < 0.7 ? MachineState.Running : roll < 0.82 ? MachineState.Down : roll < 0.94 ? MachineState.Idle : MachineState.Changeover;
                episodes.Add(new Episode(MachineStateChange.Normalize(at), state, state == MachineState.Down ? reasons[random.Next(reasons.Length)] : null));
            }
            yield return (machine, episodes);
        }
    }

    /// <summary>Minute and hour buckets of one machine from its episodes.</summary>
    private IEnumerable<MachineBucket> Buckets(Guid machine, List<Episode> episodes, Random random)
    {
        var index = 0;
        MachineBucket? hour = null;
        for (var minute = BucketSize.Minute.StartOf(episodes[0].At); minute < now; minute = minute.AddMinutes(1))
        {
            while (index + 1 < episodes.Count && episodes[index + 1].At <= minute) index++;
            var state = episodes[index].State;
            var good = state == MachineState.Running ? 50 + random.Next(0, 8) : 0;
            var scrap = state == MachineState.Running && random.Next(0, 4) == 0 ? 1 : 0;
            var bucket = new MachineBucket
            {
                TenantId = tenantId, MachineId = machine, Size = BucketSize.Minute, Start = minute,
                RunSeconds = state == MachineState.Running ? 60 : 0, DownSeconds = state == MachineState.Down ? 60 : 0,
                IdleSeconds = state == MachineState.Idle ? 60 : 0, ChangeoverSeconds = state == MachineState.Changeover ? 60 : 0,
                GoodCount = good, ScrapCount = scrap, IdealSecondsTotal = good + scrap, IdealSecondsGood = good,
                EnergyKwh = state == MachineState.Running ? 0.05 : 0.01, MessageCount = 2,
            };
            yield return bucket;
            var hourStart = BucketSize.Hour.StartOf(minute);
            if (hour is not null && hour.Start != hourStart)
            {
                yield return hour;
                hour = null;
            }
            hour ??= new MachineBucket { TenantId = tenantId, MachineId = machine, Size = BucketSize.Hour, Start = hourStart };
            hour.RunSeconds += bucket.RunSeconds; hour.DownSeconds += bucket.DownSeconds; hour.IdleSeconds += bucket.IdleSeconds;
            hour.ChangeoverSeconds += bucket.ChangeoverSeconds; hour.GoodCount += good; hour.ScrapCount += scrap;
            hour.IdealSecondsTotal += good + scrap; hour.IdealSecondsGood += good; hour.EnergyKwh += bucket.EnergyKwh; hour.MessageCount += 2;
        }
        if (hour is not null) yield return hour;
    }

    private async Task CopyToPostgresAsync(string adminConnectionString, Random random)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        foreach (var (machine, episodes) in Histories(random))
        {
            await using (var changes = await connection.BeginBinaryImportAsync(
                "COPY \"MachineStateChanges\" (\"MachineId\", \"At\", \"TenantId\", \"State\", \"Reason\") FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var e in episodes)
                {
                    await changes.StartRowAsync();
                    await changes.WriteAsync(machine, NpgsqlDbType.Uuid);
                    await changes.WriteAsync(e.At, NpgsqlDbType.TimestampTz);
                    await changes.WriteAsync(tenantId, NpgsqlDbType.Uuid);
                    await changes.WriteAsync(e.State.ToString(), NpgsqlDbType.Varchar);
                    if (e.Reason is null) await changes.WriteNullAsync(); else await changes.WriteAsync(e.Reason, NpgsqlDbType.Varchar);
                }
                await changes.CompleteAsync();
            }
            StateChangeRows += episodes.Count;
            await using var buckets = await connection.BeginBinaryImportAsync(
                "COPY \"MachineBuckets\" (\"MachineId\", \"Size\", \"Start\", \"TenantId\", \"RunSeconds\", \"IdleSeconds\", \"DownSeconds\", \"ChangeoverSeconds\", \"PlannedStopSeconds\", \"OfflineSeconds\", \"GoodCount\", \"ScrapCount\", \"IdealSecondsTotal\", \"IdealSecondsGood\", \"EnergyKwh\", \"MessageCount\") FROM STDIN (FORMAT BINARY)");
            foreach (var b in Buckets(machine, episodes, random))
            {
                await buckets.StartRowAsync();
                await buckets.WriteAsync(b.MachineId, NpgsqlDbType.Uuid);
                await buckets.WriteAsync(b.Size.ToString(), NpgsqlDbType.Varchar);
                await buckets.WriteAsync(b.Start, NpgsqlDbType.TimestampTz);
                await buckets.WriteAsync(b.TenantId, NpgsqlDbType.Uuid);
                foreach (var d in new[] { b.RunSeconds, b.IdleSeconds, b.DownSeconds, b.ChangeoverSeconds, b.PlannedStopSeconds, b.OfflineSeconds })
                    await buckets.WriteAsync(d, NpgsqlDbType.Double);
                await buckets.WriteAsync(b.GoodCount, NpgsqlDbType.Bigint);
                await buckets.WriteAsync(b.ScrapCount, NpgsqlDbType.Bigint);
                await buckets.WriteAsync(b.IdealSecondsTotal, NpgsqlDbType.Double);
                await buckets.WriteAsync(b.IdealSecondsGood, NpgsqlDbType.Double);
                await buckets.WriteAsync(b.EnergyKwh, NpgsqlDbType.Double);
                await buckets.WriteAsync(b.MessageCount, NpgsqlDbType.Bigint);
                BucketRows++;
            }
            await buckets.CompleteAsync();
        }
        // VACUUM sets the visibility map, as autovacuum does for settled buckets, so index-only scans need no heap visits.
        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private async Task InsertIntoSqliteAsync(string connectionString, Random random)
    {
        var time = new DateTimeOffsetToBinaryConverter();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var change = Command(connection, transaction,
            "INSERT INTO MachineStateChanges (MachineId, At, TenantId, State, Reason) VALUES ($1, $2, $3, $4, $5)", 5);
        var bucket = Command(connection, transaction,
            "INSERT INTO MachineBuckets (MachineId, Size, Start, TenantId, RunSeconds, IdleSeconds, DownSeconds, ChangeoverSeconds, PlannedStopSeconds, OfflineSeconds, GoodCount, ScrapCount, IdealSecondsTotal, IdealSecondsGood, EnergyKwh, MessageCount) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)", 16);
        foreach (var (machine, episodes) in Histories(random))
        {
            foreach (var e in episodes)
            {
                Set(change, machine.ToString().ToUpperInvariant(), time.ConvertToProvider(e.At), tenantId.ToString().ToUpperInvariant(), e.State.ToString(), e.Reason);
                await change.ExecuteNonQueryAsync();
                StateChangeRows++;
            }
            foreach (var b in Buckets(machine, episodes, random))
            {
                Set(bucket, machine.ToString().ToUpperInvariant(), b.Size.ToString(), time.ConvertToProvider(b.Start), tenantId.ToString().ToUpperInvariant(),
                    b.RunSeconds, b.IdleSeconds, b.DownSeconds, b.ChangeoverSeconds, b.PlannedStopSeconds, b.OfflineSeconds,
                    b.GoodCount, b.ScrapCount, b.IdealSecondsTotal, b.IdealSecondsGood, b.EnergyKwh, b.MessageCount);
                await bucket.ExecuteNonQueryAsync();
                BucketRows++;
            }
        }
        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
    }

    private static DbCommand Command(SqliteConnection connection, DbTransaction transaction, string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++) command.Parameters.Add(new SqliteParameter($"${i}", null));
        command.Prepare();
        return command;
    }

    private static void Set(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }
}
