using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using FactoryCloud.Domain.Common;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence.Sql;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace FactoryCloud.Infrastructure.Telemetry.Store;

/// <summary>
/// The store's set-based statements, on the context's connection and transaction: multi-row
/// <c>INSERT ... ON CONFLICT</c> (RETURNING needs SQLite ≥ 3.35), parameterised: on PostgreSQL one array parameter
/// per column and <c>unnest</c>, on SQLite VALUES lists in chunks below its parameter limit. Table and column names, and how each value is written (value converters
/// such as SQLite's binary DateTimeOffset or enums as strings), come from the EF model, so the statements follow
/// the configurations. Every statement also filters or stamps the batch's tenant, which row-level security checks
/// again on PostgreSQL.
/// </summary>
internal sealed class TelemetrySql
{
    /// <summary>Machines per neighbourhood query (three UNION ALL branches each).</summary>
    private const int MachinesPerQuery = 100;

    private static readonly ConcurrentDictionary<Type, TelemetrySql> Cache = new();

    /// <summary>Double sums of device-reported values (state seconds are bounded by time and may be taken back).</summary>
    private static readonly HashSet<string> SaturatingSums =
        [nameof(MachineBucket.IdealSecondsTotal), nameof(MachineBucket.IdealSecondsGood), nameof(MachineBucket.EnergyKwh)];

    private readonly BulkDialect _dialect;
    private readonly ModelTable _machines;
    private readonly ModelTable _states;
    private readonly MultiRowInsert<TelemetryEvent> _insertEvents;
    private readonly MultiRowInsert<MachineStateChange> _upsertStates;
    private readonly MultiRowInsert<MachineBucket> _addBuckets;
    private readonly MultiRowInsert<MachineDowntimeBucket> _addDowntime;
    private readonly string _stateColumns;

    private TelemetrySql(DbContext db)
    {
        _dialect = BulkDialect.Of(db);
        var sql = db.GetService<ISqlGenerationHelper>();
        _machines = new ModelTable(db.Model, typeof(Machine), sql);
        _states = new ModelTable(db.Model, typeof(MachineStateChange), sql);
        var events = new ModelTable(db.Model, typeof(TelemetryEvent), sql);
        var buckets = new ModelTable(db.Model, typeof(MachineBucket), sql);
        var downtime = new ModelTable(db.Model, typeof(MachineDowntimeBucket), sql);

        _insertEvents = new MultiRowInsert<TelemetryEvent>(events, _dialect,
        [
            (nameof(TelemetryEvent.MachineId), e => e.MachineId),
            (nameof(TelemetryEvent.DeviceId), e => e.DeviceId),
            (nameof(TelemetryEvent.DedupKey), e => e.DedupKey),
            (nameof(TelemetryEvent.Channel), e => e.Channel),
            (nameof(TelemetryEvent.Timestamp), e => e.Timestamp),
            (nameof(TelemetryEvent.Payload), e => e.Payload),
            (nameof(TelemetryEvent.ReceivedAt), e => e.ReceivedAt),
        ],
            $" ON CONFLICT ({events.Columns(nameof(TelemetryEvent.TenantId), nameof(TelemetryEvent.DedupKey))}) DO NOTHING" +
            $" RETURNING {events[nameof(TelemetryEvent.DedupKey)].Name}");

        _upsertStates = new MultiRowInsert<MachineStateChange>(_states, _dialect,
        [
            (nameof(MachineStateChange.MachineId), c => c.MachineId),
            (nameof(MachineStateChange.At), c => c.At),
            (nameof(MachineStateChange.State), c => c.State),
            (nameof(MachineStateChange.Reason), c => c.Reason),
        ],
            $" ON CONFLICT ({_states.KeyColumns}) DO UPDATE SET " +
            string.Join(", ", new[] { nameof(MachineStateChange.State), nameof(MachineStateChange.Reason) }
                .Select(p => $"{_states[p].Name} = excluded.{_states[p].Name}")));

        (string, Func<MachineBucket, object?>)[] sums =
        [
            (nameof(MachineBucket.RunSeconds), b => b.RunSeconds),
            (nameof(MachineBucket.IdleSeconds), b => b.IdleSeconds),
            (nameof(MachineBucket.DownSeconds), b => b.DownSeconds),
            (nameof(MachineBucket.ChangeoverSeconds), b => b.ChangeoverSeconds),
            (nameof(MachineBucket.PlannedStopSeconds), b => b.PlannedStopSeconds),
            (nameof(MachineBucket.OfflineSeconds), b => b.OfflineSeconds),
            (nameof(MachineBucket.GoodCount), b => b.GoodCount),
            (nameof(MachineBucket.ScrapCount), b => b.ScrapCount),
            (nameof(MachineBucket.IdealSecondsTotal), b => b.IdealSecondsTotal),
            (nameof(MachineBucket.IdealSecondsGood), b => b.IdealSecondsGood),
            (nameof(MachineBucket.EnergyKwh), b => b.EnergyKwh),
            (nameof(MachineBucket.MessageCount), b => b.MessageCount),
            (nameof(MachineBucket.RunTicks), b => b.RunTicks),
            (nameof(MachineBucket.PlannedStopTicks), b => b.PlannedStopTicks),
            (nameof(MachineBucket.BreakdownTicks), b => b.BreakdownTicks),
            (nameof(MachineBucket.SmallStopTicks), b => b.SmallStopTicks),
            (nameof(MachineBucket.SetupTicks), b => b.SetupTicks),
            (nameof(MachineBucket.IdleLossTicks), b => b.IdleLossTicks),
            (nameof(MachineBucket.OfflineLossTicks), b => b.OfflineLossTicks),
            (nameof(MachineBucket.NoDataLossTicks), b => b.NoDataLossTicks),
            (nameof(MachineBucket.BreakdownEpisodes), b => b.BreakdownEpisodes),
        ];
        _addBuckets = new MultiRowInsert<MachineBucket>(buckets, _dialect,
        [
            (nameof(MachineBucket.MachineId), b => b.MachineId),
            (nameof(MachineBucket.Size), b => b.Size),
            (nameof(MachineBucket.Start), b => b.Start),
            .. sums,
        ],
            $" ON CONFLICT ({buckets.KeyColumns}) DO UPDATE SET " + AddExcluded(buckets, sums.Select(s => s.Item1)));

        (string, Func<MachineDowntimeBucket, object?>)[] downtimeSums =
        [
            (nameof(MachineDowntimeBucket.DownSeconds), b => b.DownSeconds),
            (nameof(MachineDowntimeBucket.BreakdownTicks), b => b.BreakdownTicks),
            (nameof(MachineDowntimeBucket.BreakdownEpisodes), b => b.BreakdownEpisodes),
            (nameof(MachineDowntimeBucket.CarriedBreakdowns), b => b.CarriedBreakdowns),
            (nameof(MachineDowntimeBucket.CarriedBreakdownStartTicks), b => b.CarriedBreakdownStartTicks),
        ];
        _addDowntime = new MultiRowInsert<MachineDowntimeBucket>(downtime, _dialect,
        [
            (nameof(MachineDowntimeBucket.MachineId), b => b.MachineId),
            (nameof(MachineDowntimeBucket.Size), b => b.Size),
            (nameof(MachineDowntimeBucket.Start), b => b.Start),
            (nameof(MachineDowntimeBucket.Reason), b => b.Reason),
            .. downtimeSums,
        ],
            $" ON CONFLICT ({downtime.KeyColumns}) DO UPDATE SET " + AddExcluded(downtime, downtimeSums.Select(s => s.Item1)));

        _stateColumns = _states.Columns(
            nameof(MachineStateChange.MachineId), nameof(MachineStateChange.At), nameof(MachineStateChange.State), nameof(MachineStateChange.Reason));
    }

    public static TelemetrySql For(AppDbContext db) => Cache.GetOrAdd(db.GetType(), _ => new TelemetrySql(db));

    /// <summary>
    /// Moves each machine's FirstSeenAt back and LastSeenAt forward (never the other way, so redelivery and backfill
    /// change nothing) and returns the machines that exist in the tenant, each with its <see cref="Machine.LossSumsKey"/>:
    /// state the processor itself changes, so it is read under the lock, while cycle times are settings and come from
    /// <see cref="TelemetrySettingsCache"/>. The row locks
    /// serialise concurrent batches of the same machine until commit (needed for the state timeline), taken in id
    /// order so they cannot deadlock. PostgreSQL: one round trip (locks in order, then one set-based UPDATE from
    /// arrays); SQLite, whose writer lock already serialises batches: one UPDATE per machine.
    /// </summary>
    public async Task<Dictionary<Guid, string?>> TouchMachinesAsync(
        DbConnection connection, DbTransaction transaction, Guid tenantId,
        IReadOnlyList<(Guid Machine, DateTimeOffset First, DateTimeOffset Last)> machines, CancellationToken ct)
    {
        var result = new Dictionary<Guid, string?>(machines.Count);
        var perCommand = _dialect.UsesArrays ? machines.Count : _dialect.MaxParameters / 3;
        for (var offset = 0; offset < machines.Count; offset += perCommand)
        {
            await using var command = connection.CreateCommand(transaction);
            command.Parameters.Add(_machines[nameof(ITenantOwned.TenantId)].Parameter(command, "@t", tenantId));
            var slice = machines.Skip(offset).Take(perCommand).ToList();
            command.CommandText = _dialect.UsesArrays ? TouchFromArrays(command, slice) : TouchOneByOne(command, slice);
            await using var reader = await command.ExecuteReaderAsync(ct);
            do
            {
                if (reader.FieldCount < 2) continue; // the locking SELECT
                while (await reader.ReadAsync(ct))
                    result[_machines[nameof(Machine.Id)].Read<Guid>(reader, 0)] = _machines[nameof(Machine.LossSumsKey)].Read<string?>(reader, 1);
            }
            while (await reader.NextResultAsync(ct));
        }
        return result;
    }

    private string TouchFromArrays(DbCommand command, List<(Guid Machine, DateTimeOffset First, DateTimeOffset Last)> machines)
    {
        var (id, tenant, first, last) = TouchColumns();
        command.Parameters.Add(ArrayParameter(command, "@ids", machines.Select(m => m.Machine).ToArray()));
        command.Parameters.Add(ArrayParameter(command, "@firsts", machines.Select(m => m.First).ToArray()));
        command.Parameters.Add(ArrayParameter(command, "@lasts", machines.Select(m => m.Last).ToArray()));
        return $"SELECT {id.Name} FROM {_machines.Name} WHERE {tenant.Name} = @t AND {id.Name} = ANY(@ids) ORDER BY {id.Name} FOR UPDATE;\n" +
               $"UPDATE {_machines.Name} AS m SET " +
               $"{first.Name} = CASE WHEN m.{first.Name} IS NULL OR m.{first.Name} > v.f THEN v.f ELSE m.{first.Name} END, " +
               $"{last.Name} = CASE WHEN m.{last.Name} IS NULL OR m.{last.Name} < v.l THEN v.l ELSE m.{last.Name} END " +
               $"FROM unnest(@ids, @firsts, @lasts) AS v(id, f, l) WHERE m.{id.Name} = v.id AND m.{tenant.Name} = @t " +
               $"RETURNING {TouchedColumns("m.")}";
    }

    private string TouchOneByOne(DbCommand command, List<(Guid Machine, DateTimeOffset First, DateTimeOffset Last)> machines)
    {
        var (id, tenant, first, last) = TouchColumns();
        var sql = new StringBuilder();
        foreach (var (i, (machine, firstSeen, lastSeen)) in machines.OrderBy(m => m.Machine).Index())
        {
            command.Parameters.Add(id.Parameter(command, $"@m{i}", machine));
            command.Parameters.Add(first.Parameter(command, $"@f{i}", firstSeen));
            command.Parameters.Add(last.Parameter(command, $"@l{i}", lastSeen));
            sql.Append($"UPDATE {_machines.Name} SET ")
                .Append($"{first.Name} = CASE WHEN {first.Name} IS NULL OR {first.Name} > @f{i} THEN @f{i} ELSE {first.Name} END, ")
                .Append($"{last.Name} = CASE WHEN {last.Name} IS NULL OR {last.Name} < @l{i} THEN @l{i} ELSE {last.Name} END ")
                .Append($"WHERE {id.Name} = @m{i} AND {tenant.Name} = @t RETURNING {TouchedColumns("")};\n");
        }
        return sql.ToString();
    }

    private (ModelColumn Id, ModelColumn Tenant, ModelColumn First, ModelColumn Last) TouchColumns() => (
        _machines[nameof(Machine.Id)], _machines[nameof(ITenantOwned.TenantId)],
        _machines[nameof(Machine.FirstSeenAt)], _machines[nameof(Machine.LastSeenAt)]);

    private string TouchedColumns(string alias) =>
        $"{alias}{_machines[nameof(Machine.Id)].Name}, {alias}{_machines[nameof(Machine.LossSumsKey)].Name}";

    private static DbParameter ArrayParameter(DbCommand command, string name, Array value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
    }

    /// <summary>Inserts the events that are not stored yet; returns the dedup keys of those inserted.</summary>
    public async Task<HashSet<string>> InsertEventsAsync(
        DbConnection connection, DbTransaction transaction, Guid tenantId, IReadOnlyList<TelemetryEvent> events, CancellationToken ct)
    {
        var inserted = new HashSet<string>(events.Count, StringComparer.Ordinal);
        await _insertEvents.ExecuteAsync(connection, transaction, tenantId, events, async reader =>
        {
            while (await reader.ReadAsync(ct)) inserted.Add(reader.GetString(0));
        }, ct);
        return inserted;
    }

    /// <summary>
    /// For each machine, its stored changes in [From, To], the last one before From and the first one after To: the
    /// neighbourhood <see cref="MachineStateTimeline"/> needs.
    /// </summary>
    public async Task<List<MachineStateChange>> LoadStateNeighbourhoodsAsync(
        DbConnection connection, DbTransaction transaction, Guid tenantId,
        IReadOnlyList<(Guid Machine, DateTimeOffset From, DateTimeOffset To)> ranges, CancellationToken ct)
    {
        var machineId = _states[nameof(MachineStateChange.MachineId)];
        var at = _states[nameof(MachineStateChange.At)];
        var tenant = _states[nameof(ITenantOwned.TenantId)];
        var result = new List<MachineStateChange>();
        for (var offset = 0; offset < ranges.Count; offset += MachinesPerQuery)
        {
            await using var command = connection.CreateCommand(transaction);
            command.Parameters.Add(tenant.Parameter(command, "@t", tenantId));
            var sql = new StringBuilder();
            for (var i = offset; i < Math.Min(ranges.Count, offset + MachinesPerQuery); i++)
            {
                var (machine, from, to) = ranges[i];
                command.Parameters.Add(machineId.Parameter(command, $"@m{i}", machine));
                command.Parameters.Add(at.Parameter(command, $"@a{i}", from));
                command.Parameters.Add(at.Parameter(command, $"@b{i}", to));
                var where = $"FROM {_states.Name} WHERE {tenant.Name} = @t AND {machineId.Name} = @m{i}";
                if (i > offset) sql.Append("\nUNION ALL ");
                sql.Append($"SELECT {_stateColumns} {where} AND {at.Name} >= @a{i} AND {at.Name} <= @b{i}")
                    .Append($"\nUNION ALL SELECT * FROM (SELECT {_stateColumns} {where} AND {at.Name} < @a{i} ORDER BY {at.Name} DESC LIMIT 1) AS p{i}")
                    .Append($"\nUNION ALL SELECT * FROM (SELECT {_stateColumns} {where} AND {at.Name} > @b{i} ORDER BY {at.Name} LIMIT 1) AS n{i}");
            }
            command.CommandText = sql.ToString();
            result.AddRange(await ReadStateChangesAsync(command, tenantId, ct));
        }
        return result;
    }

    /// <summary>
    /// The edges of the runs of identical changes around a neighbourhood, for the loss episodes: per machine, the first
    /// change of the run that ends at <c>Before</c> (the last change before the range) and the first change after
    /// <c>After</c> (the first one after the range) that differs from it.
    /// </summary>
    public async Task<List<MachineStateChange>> LoadRunEdgesAsync(
        DbConnection connection, DbTransaction transaction, Guid tenantId,
        IReadOnlyList<(Guid Machine, MachineStateChange? Before, MachineStateChange? After)> edges, CancellationToken ct)
    {
        var machineId = _states[nameof(MachineStateChange.MachineId)];
        var at = _states[nameof(MachineStateChange.At)];
        var tenant = _states[nameof(ITenantOwned.TenantId)];
        var result = new List<MachineStateChange>();
        for (var offset = 0; offset < edges.Count; offset += MachinesPerQuery)
        {
            await using var command = connection.CreateCommand(transaction);
            command.Parameters.Add(tenant.Parameter(command, "@t", tenantId));
            command.Parameters.Add(at.Parameter(command, "@floor", DateTimeOffset.UnixEpoch));
            var branches = new List<string>();
            for (var i = offset; i < Math.Min(edges.Count, offset + MachinesPerQuery); i++)
            {
                var (machine, before, after) = edges[i];
                command.Parameters.Add(machineId.Parameter(command, $"@m{i}", machine));
                var where = $"FROM {_states.Name} WHERE {tenant.Name} = @t AND {machineId.Name} = @m{i}";
                if (before is not null)
                {
                    command.Parameters.Add(at.Parameter(command, $"@p{i}", before.At));
                    var differs = Differs(command, $"p{i}", before);
                    branches.Add($"SELECT * FROM (SELECT {_stateColumns} {where} AND {at.Name} <= @p{i} AND {at.Name} > COALESCE(" +
                                 $"(SELECT {at.Name} {where} AND {at.Name} < @p{i} AND {differs} ORDER BY {at.Name} DESC LIMIT 1), @floor) " +
                                 $"ORDER BY {at.Name} LIMIT 1) AS b{i}");
                }
                if (after is not null)
                {
                    command.Parameters.Add(at.Parameter(command, $"@n{i}", after.At));
                    branches.Add($"SELECT * FROM (SELECT {_stateColumns} {where} AND {at.Name} > @n{i} AND {Differs(command, $"n{i}", after)} " +
                                 $"ORDER BY {at.Name} LIMIT 1) AS a{i}");
                }
            }
            if (branches.Count == 0) continue;
            command.CommandText = string.Join("\nUNION ALL ", branches);
            result.AddRange(await ReadStateChangesAsync(command, tenantId, ct));
        }
        return result;
    }

    /// <summary>Sets each machine's <see cref="Machine.OpenRunStart"/> (PostgreSQL: one UPDATE from arrays).</summary>
    public async Task SetOpenRunStartsAsync(
        DbConnection connection, DbTransaction transaction, Guid tenantId,
        IReadOnlyList<(Guid Machine, DateTimeOffset Start)> machines, CancellationToken ct)
    {
        var (id, tenant) = (_machines[nameof(Machine.Id)], _machines[nameof(ITenantOwned.TenantId)]);
        var start = _machines[nameof(Machine.OpenRunStart)];
        var perCommand = _dialect.UsesArrays ? Math.Max(1, machines.Count) : _dialect.MaxParameters / 2;
        for (var offset = 0; offset < machines.Count; offset += perCommand)
        {
            await using var command = connection.CreateCommand(transaction);
            command.Parameters.Add(tenant.Parameter(command, "@t", tenantId));
            var slice = machines.Skip(offset).Take(perCommand).ToList();
            if (_dialect.UsesArrays)
            {
                command.Parameters.Add(ArrayParameter(command, "@ids", slice.Select(m => m.Machine).ToArray()));
                command.Parameters.Add(ArrayParameter(command, "@starts", slice.Select(m => m.Start).ToArray()));
                command.CommandText = $"UPDATE {_machines.Name} AS m SET {start.Name} = v.s FROM unnest(@ids, @starts) AS v(id, s) " +
                                      $"WHERE m.{id.Name} = v.id AND m.{tenant.Name} = @t";
            }
            else
            {
                var sql = new StringBuilder();
                foreach (var (i, (machine, runStart)) in slice.Index())
                {
                    command.Parameters.Add(id.Parameter(command, $"@m{i}", machine));
                    command.Parameters.Add(start.Parameter(command, $"@s{i}", runStart));
                    sql.Append($"UPDATE {_machines.Name} SET {start.Name} = @s{i} WHERE {id.Name} = @m{i} AND {tenant.Name} = @t;\n");
                }
                command.CommandText = sql.ToString();
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Reads rows of <see cref="_stateColumns"/>.</summary>
    private async Task<List<MachineStateChange>> ReadStateChangesAsync(DbCommand command, Guid tenantId, CancellationToken ct)
    {
        var (machineId, at) = (_states[nameof(MachineStateChange.MachineId)], _states[nameof(MachineStateChange.At)]);
        var (state, reason) = (_states[nameof(MachineStateChange.State)], _states[nameof(MachineStateChange.Reason)]);
        var result = new List<MachineStateChange>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new MachineStateChange
            {
                TenantId = tenantId,
                MachineId = machineId.Read<Guid>(reader, 0),
                At = at.Read<DateTimeOffset>(reader, 1),
                State = state.Read<MachineState>(reader, 2),
                Reason = reason.Read<string?>(reader, 3),
            });
        }
        return result;
    }

    /// <summary>A condition true for changes whose state or reason differs from <paramref name="change"/>'s (null-safe).</summary>
    private string Differs(DbCommand command, string name, MachineStateChange change)
    {
        var state = _states[nameof(MachineStateChange.State)];
        var reason = _states[nameof(MachineStateChange.Reason)];
        command.Parameters.Add(state.Parameter(command, $"@s{name}", change.State));
        if (change.Reason is null) return $"({state.Name} <> @s{name} OR {reason.Name} IS NOT NULL)";
        command.Parameters.Add(reason.Parameter(command, $"@r{name}", change.Reason));
        return $"({state.Name} <> @s{name} OR {reason.Name} IS NULL OR {reason.Name} <> @r{name})";
    }

    /// <summary>Inserts new state changes; one at an instant already stored replaces it.</summary>
    public Task UpsertStateChangesAsync(
        DbConnection connection, DbTransaction transaction, Guid tenantId, IReadOnlyList<MachineStateChange> changes, CancellationToken ct) =>
        _upsertStates.ExecuteAsync(connection, transaction, tenantId, changes, null, ct);

    /// <summary>Adds each row's sums to the stored bucket, creating it when missing.</summary>
    public Task AddToBucketsAsync(
        DbConnection connection, DbTransaction transaction, Guid tenantId, IReadOnlyList<MachineBucket> buckets, CancellationToken ct) =>
        _addBuckets.ExecuteAsync(connection, transaction, tenantId, buckets, null, ct);

    /// <summary>Adds each row's downtime to the stored bucket of its reason, creating it when missing.</summary>
    public Task AddToDowntimeBucketsAsync(
        DbConnection connection, DbTransaction transaction, Guid tenantId, IReadOnlyList<MachineDowntimeBucket> buckets, CancellationToken ct) =>
        _addDowntime.ExecuteAsync(connection, transaction, tenantId, buckets, null, ct);

    /// <summary>
    /// <c>column = stored + excluded</c>; for the non-negative sums of device-reported values (counts, ideal seconds,
    /// energy), saturating at the type's maximum as <see cref="BucketAccumulator.SaturatingAdd(long, long)"/> does, so
    /// absurd values cannot make the statement fail (an overflow error would fail the batch on every redelivery).
    /// </summary>
    private static string AddExcluded(ModelTable table, IEnumerable<string> properties) =>
        string.Join(", ", properties.Select(p =>
        {
            var column = table[p].Name;
            var sum = $"{table.Name}.{column} + excluded.{column}";
            var max = table[p].Mapping.ClrType == typeof(long) ? long.MaxValue.ToString(CultureInfo.InvariantCulture)
                : table[p].Mapping.ClrType == typeof(double) && SaturatingSums.Contains(p) ? double.MaxValue.ToString("R", CultureInfo.InvariantCulture)
                : null;
            return max is null
                ? $"{column} = {sum}"
                : $"{column} = CASE WHEN excluded.{column} > {max} - {table.Name}.{column} THEN {max} ELSE {sum} END";
        }));
}
