using System.Data.Common;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Queries;
using FactoryCloud.Infrastructure.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace FactoryCloud.Benchmarks;

/// <summary>
/// A plant of 200 machines (1 site in Europe/Berlin with two shifts on weekdays, 4 areas × 5 lines × 10 machines)
/// with <c>days</c> of history: a state change every 5 to 25 minutes (running mostly, down, idle, changeover; a third
/// of the stops shorter than 2 minutes; some states published twice), and the buckets the processor would write for
/// them (<see cref="BucketAccumulator"/>: state time, exact sums and loss episodes with the default settings, downtime
/// per reason; counts, energy and a message each minute). Every hour, day and week bucket is written; minute buckets
/// only where a query of the benchmark reads them (<see cref="SeededMinutes"/>): a year of minutes would be 100
/// million rows. Bulk-written: PostgreSQL binary COPY, SQLite prepared statements in one transaction; the secondary
/// bucket index is built after the load.
/// </summary>
internal sealed class KpiPlantSeeder(Guid tenantId, int machines, int days, DateTimeOffset now)
{
    public Guid SiteId { get; private set; }
    public List<Guid> LineIds { get; } = [];
    public List<Guid> MachineIds { get; } = [];
    public long StateChangeRows { get; private set; }
    public long BucketRows { get; private set; }
    public long DowntimeRows { get; private set; }

    /// <summary>How many days before now have every minute bucket (the recent period; older minutes only where read).</summary>
    public const int RecentDays = 8;

    /// <summary>The benchmark's windows that start at now minus these days (the KPI API): their first hour has its minutes.</summary>
    public static readonly int[] EdgeDays = [7, 30, 90, 365];

    private HashSet<long> _minutes = [];

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
            _minutes = SeededMinutes(site);
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

    private sealed record History(Guid Machine, List<MachineStateChange> Changes, List<MachineBucket> Buckets, List<MachineDowntimeBucket> Downtime)
    {
        public DateTimeOffset OpenRunStart => MachineStateTimeline.LastRunStartOf(Changes)!.Value;
    }

    private DateTimeOffset HistoryStart => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-days);

    /// <summary>
    /// The minute buckets written (start ticks): every minute of the first day and of the last <see cref="RecentDays"/>
    /// days; before that, the minutes the site's planned time is composed of (the planned part of an hour a break or a
    /// shift edge splits: <see cref="BucketPlan"/>), the planned windows' first minutes (where breakdowns carried into
    /// a shift are looked up) and the first hour of each window starting at now minus <see cref="EdgeDays"/>. Queries
    /// never read other minutes: the rest of a window is hours, days and weeks.
    /// </summary>
    private HashSet<long> SeededMinutes(Site site)
    {
        var minute = TimeSpan.FromMinutes(1);
        var history = new TimeWindow(HistoryStart, now);
        var minutes = new HashSet<long>();
        void AddRange(DateTimeOffset from, DateTimeOffset to)
        {
            for (var m = BucketSize.Minute.StartOf(from); m < to; m += minute) minutes.Add(m.UtcTicks);
        }
        AddRange(history.Start, history.Start.AddDays(1));
        AddRange(BucketSize.Day.StartOf(now).AddDays(-RecentDays), now);
        foreach (var days in EdgeDays) AddRange(BucketSize.Hour.StartOf(now.AddDays(-days)), BucketSize.Hour.StartOf(now.AddDays(-days)).AddHours(1));
        var planned = new WeeklyShiftCalendar(site.Shifts, WeeklyShiftCalendar.ZoneOf(site.TimeZone)).For(history)?.PlannedWithin(history) ?? [history];
        foreach (var start in BucketPlan.For(planned).MinuteStarts) minutes.Add(start.UtcTicks);
        foreach (var window in planned) minutes.Add(BucketSize.Minute.StartOf(window.Start).UtcTicks);
        return minutes;
    }

    private IEnumerable<History> Histories(Random random)
    {
        var start = HistoryStart;
        string?[] reasons = ["jam", "motor_fault", "material_missing", "sensor_fault", null];
        foreach (var machine in MachineIds)
        {
            var changes = new List<MachineStateChange>();
            var state = MachineState.Running;
            string? reason = null;
            for (var at = start.AddSeconds(random.Next(0, 600)); at < now;)
            {
                if (random.NextDouble() >= 0.05) // else the same state is published again
                {
                    var roll = random.NextDouble();
                    state = roll < 0.7 ? MachineState.Running : roll < 0.82 ? MachineState.Down : roll < 0.94 ? MachineState.Idle : MachineState.Changeover;
                    reason = state == MachineState.Down ? reasons[random.Next(reasons.Length)] : null;
                }
                changes.Add(new MachineStateChange { TenantId = tenantId, MachineId = machine, At = MachineStateChange.Normalize(at), State = state, Reason = reason });
                var shortStop = state is MachineState.Down or MachineState.Idle && random.Next(0, 3) == 0;
                at = shortStop ? at.AddSeconds(30 + random.Next(0, 80)) : at.AddMinutes(5 + random.Next(0, 20)).AddSeconds(random.Next(0, 60));
            }
            var (buckets, downtime) = Buckets(machine, changes, random);
            yield return new History(machine, changes, buckets, downtime);
        }
    }

    /// <summary>
    /// What the processor writes for these changes, plus counts, energy and a message each minute (a count at second
    /// 30 of each running minute), in the buckets seeded. State time and loss episodes go through
    /// <see cref="BucketAccumulator"/>; the per-minute figures are summed here per bucket (sums, as the store adds
    /// them), since half a million minutes per machine through the accumulator took most of the seeding time.
    /// </summary>
    private (List<MachineBucket>, List<MachineDowntimeBucket>) Buckets(Guid machine, List<MachineStateChange> changes, Random random)
    {
        var accumulator = new BucketAccumulator(collects: (size, start) => size != BucketSize.Minute || _minutes.Contains(start));
        for (var i = 0; i + 1 < changes.Count; i++)
            accumulator.AddStateTime(machine, changes[i].State, changes[i].Reason, changes[i].At, changes[i + 1].At, 1);
        foreach (var episode in MachineStateTimeline.ClosedLossEpisodes(changes, LossSettings.Default))
            accumulator.AddLossEpisode(machine, episode.Reason, episode.Start, episode.End, episode.Category, 1);

        var first = BucketSize.Minute.StartOf(changes[0].At);
        var minuteTicks = TimeSpan.TicksPerMinute;
        var count = (int)((now.UtcTicks - first.UtcTicks + minuteTicks - 1) / minuteTicks);
        // Prefix sums per minute from the first change's minute: good, scrap, energy.
        var good = new long[count + 1];
        var scrap = new long[count + 1];
        var energy = new double[count + 1];
        var index = 0;
        for (var i = 0; i < count; i++)
        {
            var minute = first.AddMinutes(i);
            while (index + 1 < changes.Count && changes[index + 1].At <= minute) index++;
            var running = changes[index].State == MachineState.Running;
            energy[i + 1] = energy[i] + (running ? 0.05 : 0.01);
            good[i + 1] = good[i] + (running ? 50 + random.Next(0, 8) : 0);
            scrap[i + 1] = scrap[i] + (running && random.Next(0, 4) == 0 ? 1 : 0);
        }

        var rows = accumulator.Buckets(tenantId).ToDictionary(b => (b.Size, b.Start.UtcTicks));
        foreach (var size in BucketSizes.All)
        {
            var length = size.Length().Ticks;
            for (var bucket = size.FloorTicks(first.UtcTicks); bucket < now.UtcTicks; bucket += length)
            {
                if (size == BucketSize.Minute && !_minutes.Contains(bucket)) continue;
                var from = (int)Math.Max(0, (bucket - first.UtcTicks) / minuteTicks);
                var to = (int)Math.Min(count, (bucket + length - first.UtcTicks) / minuteTicks);
                if (to <= from) continue;
                if (!rows.TryGetValue((size, bucket), out var row))
                {
                    rows[(size, bucket)] = row = new MachineBucket
                    {
                        TenantId = tenantId, MachineId = machine, Size = size, Start = new DateTimeOffset(bucket, TimeSpan.Zero),
                    };
                }
                var (g, sc) = (good[to] - good[from], scrap[to] - scrap[from]);
                row.GoodCount += g;
                row.ScrapCount += sc;
                row.IdealSecondsTotal += g + sc;
                row.IdealSecondsGood += g;
                row.EnergyKwh += energy[to] - energy[from];
                row.MessageCount += to - from;
            }
        }
        return (rows.Values.ToList(), accumulator.DowntimeBuckets(tenantId).ToList());
    }

    /// <summary>The loss sums were written with the default settings; the open run is the machine's latest.</summary>
    private static string LossSumsUpdate(string quote, string start, string id) =>
        $"UPDATE {quote}Machines{quote} SET {quote}LossSumsKey{quote} = '{LossSettings.Default.LossSumsKey()}', " +
        $"{quote}OpenRunStart{quote} = {start} WHERE {quote}Id{quote} = {id}";

    private static readonly string[] BucketColumns =
    [
        nameof(MachineBucket.MachineId), nameof(MachineBucket.Size), nameof(MachineBucket.Start), nameof(MachineBucket.TenantId),
        nameof(MachineBucket.RunSeconds), nameof(MachineBucket.IdleSeconds), nameof(MachineBucket.DownSeconds), nameof(MachineBucket.ChangeoverSeconds),
        nameof(MachineBucket.PlannedStopSeconds), nameof(MachineBucket.OfflineSeconds), nameof(MachineBucket.GoodCount), nameof(MachineBucket.ScrapCount),
        nameof(MachineBucket.IdealSecondsTotal), nameof(MachineBucket.IdealSecondsGood), nameof(MachineBucket.EnergyKwh), nameof(MachineBucket.MessageCount),
        nameof(MachineBucket.RunTicks), nameof(MachineBucket.PlannedStopTicks), nameof(MachineBucket.BreakdownTicks), nameof(MachineBucket.SmallStopTicks),
        nameof(MachineBucket.SetupTicks), nameof(MachineBucket.IdleLossTicks), nameof(MachineBucket.OfflineLossTicks), nameof(MachineBucket.NoDataLossTicks),
        nameof(MachineBucket.BreakdownEpisodes),
    ];

    private static object[] BucketValues(MachineBucket b) =>
    [
        b.RunSeconds, b.IdleSeconds, b.DownSeconds, b.ChangeoverSeconds, b.PlannedStopSeconds, b.OfflineSeconds, b.GoodCount, b.ScrapCount,
        b.IdealSecondsTotal, b.IdealSecondsGood, b.EnergyKwh, b.MessageCount, b.RunTicks, b.PlannedStopTicks, b.BreakdownTicks, b.SmallStopTicks,
        b.SetupTicks, b.IdleLossTicks, b.OfflineLossTicks, b.NoDataLossTicks, b.BreakdownEpisodes,
    ];

    private static readonly string[] DowntimeColumns =
    [
        nameof(MachineDowntimeBucket.MachineId), nameof(MachineDowntimeBucket.Size), nameof(MachineDowntimeBucket.Start), nameof(MachineDowntimeBucket.TenantId),
        nameof(MachineDowntimeBucket.Reason), nameof(MachineDowntimeBucket.DownSeconds), nameof(MachineDowntimeBucket.BreakdownTicks),
        nameof(MachineDowntimeBucket.BreakdownEpisodes), nameof(MachineDowntimeBucket.CarriedBreakdowns), nameof(MachineDowntimeBucket.CarriedBreakdownStartTicks),
    ];

    private static object[] DowntimeValues(MachineDowntimeBucket b) =>
        [b.Reason, b.DownSeconds, b.BreakdownTicks, b.BreakdownEpisodes, b.CarriedBreakdowns, b.CarriedBreakdownStartTicks];

    private static string Columns(string[] columns, string quote) => string.Join(", ", columns.Select(c => quote + c + quote));

    private static string SqliteInsert(string table, string[] columns) =>
        $"INSERT INTO {table} ({Columns(columns, "")}) VALUES ({string.Join(", ", columns.Select((_, i) => $"${i + 1}"))})";

    private static string PostgresCopy(string table, string[] columns) =>
        $"COPY \"{table}\" ({Columns(columns, "\"")}) FROM STDIN (FORMAT BINARY)";

    private async Task CopyToPostgresAsync(string adminConnectionString, Random random)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        var index = await DropIndexAsync(connection, "SELECT indexdef FROM pg_indexes WHERE indexname = 'IX_MachineBuckets_Kpi'", "DROP INDEX \"IX_MachineBuckets_Kpi\"");
        foreach (var history in Histories(random))
        {
            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY \"MachineStateChanges\" (\"MachineId\", \"At\", \"TenantId\", \"State\", \"Reason\") FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var c in history.Changes)
                {
                    writer.StartRow();
                    writer.Write(c.MachineId, NpgsqlDbType.Uuid);
                    writer.Write(c.At, NpgsqlDbType.TimestampTz);
                    writer.Write(tenantId, NpgsqlDbType.Uuid);
                    writer.Write(c.State.ToString(), NpgsqlDbType.Varchar);
                    if (c.Reason is null) writer.WriteNull(); else writer.Write(c.Reason, NpgsqlDbType.Varchar);
                }
                await writer.CompleteAsync();
            }
            StateChangeRows += history.Changes.Count;
            await using (var writer = await connection.BeginBinaryImportAsync(PostgresCopy("MachineBuckets", BucketColumns)))
            {
                foreach (var b in history.Buckets) WriteRow(writer, b.MachineId, b.Size, b.Start, BucketValues(b));
                await writer.CompleteAsync();
            }
            BucketRows += history.Buckets.Count;
            await using (var writer = await connection.BeginBinaryImportAsync(PostgresCopy("MachineDowntimeBuckets", DowntimeColumns)))
            {
                foreach (var b in history.Downtime) WriteRow(writer, b.MachineId, b.Size, b.Start, DowntimeValues(b));
                await writer.CompleteAsync();
            }
            DowntimeRows += history.Downtime.Count;
            await using var update = new NpgsqlCommand(LossSumsUpdate("\"", "@start", "@id"), connection);
            update.Parameters.AddWithValue("start", history.OpenRunStart);
            update.Parameters.AddWithValue("id", history.Machine);
            await update.ExecuteNonQueryAsync();
        }
        await using (var create = new NpgsqlCommand(index, connection)) await create.ExecuteNonQueryAsync();
        // VACUUM sets the visibility map, as autovacuum does for settled buckets, so index-only scans need no heap visits.
        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private void WriteRow(NpgsqlBinaryImporter writer, Guid machine, BucketSize size, DateTimeOffset start, object[] values)
    {
        writer.StartRow();
        writer.Write(machine, NpgsqlDbType.Uuid);
        writer.Write(size.ToString(), NpgsqlDbType.Varchar);
        writer.Write(start, NpgsqlDbType.TimestampTz);
        writer.Write(tenantId, NpgsqlDbType.Uuid);
        foreach (var value in values)
        {
            switch (value)
            {
                case double d: writer.Write(d, NpgsqlDbType.Double); break;
                case long l: writer.Write(l, NpgsqlDbType.Bigint); break;
                case string s: writer.Write(s, NpgsqlDbType.Varchar); break;
                default: throw new InvalidOperationException($"Unexpected {value.GetType()}.");
            }
        }
    }

    /// <summary>Drops an index for the load (building it afterwards is faster) and returns the statement that creates it.</summary>
    private static async Task<string> DropIndexAsync(DbConnection connection, string definitionSql, string dropSql)
    {
        await using var read = connection.CreateCommand();
        read.CommandText = definitionSql;
        var definition = (string)(await read.ExecuteScalarAsync())!;
        await using var drop = connection.CreateCommand();
        drop.CommandText = dropSql;
        await drop.ExecuteNonQueryAsync();
        return definition;
    }

    private async Task InsertIntoSqliteAsync(string connectionString, Random random)
    {
        var time = new DateTimeOffsetToBinaryConverter();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var index = await DropIndexAsync(connection, "SELECT sql FROM sqlite_master WHERE name = 'IX_MachineBuckets_Kpi'", "DROP INDEX IX_MachineBuckets_Kpi");
        await using var transaction = await connection.BeginTransactionAsync();
        var change = Command(connection, transaction,
            "INSERT INTO MachineStateChanges (MachineId, At, TenantId, State, Reason) VALUES ($1, $2, $3, $4, $5)", 5);
        var bucket = Command(connection, transaction, SqliteInsert("MachineBuckets", BucketColumns), BucketColumns.Length);
        var downtime = Command(connection, transaction, SqliteInsert("MachineDowntimeBuckets", DowntimeColumns), DowntimeColumns.Length);
        var update = Command(connection, transaction, LossSumsUpdate("", "$1", "$2"), 2);
        var tenant = tenantId.ToString().ToUpperInvariant();
        foreach (var history in Histories(random))
        {
            var machine = history.Machine.ToString().ToUpperInvariant();
            foreach (var c in history.Changes)
            {
                Set(change, 0, machine, time.ConvertToProvider(c.At), tenant, c.State.ToString(), c.Reason);
                change.ExecuteNonQuery();
            }
            StateChangeRows += history.Changes.Count;
            foreach (var b in history.Buckets)
            {
                Set(bucket, 0, machine, b.Size.ToString(), time.ConvertToProvider(b.Start), tenant);
                Set(bucket, 4, BucketValues(b));
                bucket.ExecuteNonQuery();
            }
            BucketRows += history.Buckets.Count;
            foreach (var b in history.Downtime)
            {
                Set(downtime, 0, machine, b.Size.ToString(), time.ConvertToProvider(b.Start), tenant);
                Set(downtime, 4, DowntimeValues(b));
                downtime.ExecuteNonQuery();
            }
            DowntimeRows += history.Downtime.Count;
            Set(update, 0, time.ConvertToProvider(history.OpenRunStart), machine);
            update.ExecuteNonQuery();
        }
        await transaction.CommitAsync();
        await using var finish = connection.CreateCommand();
        finish.CommandText = index + "; ANALYZE";
        await finish.ExecuteNonQueryAsync();
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

    private static void Set(DbCommand command, int first, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[first + i].Value = values[i] ?? DBNull.Value;
    }
}
