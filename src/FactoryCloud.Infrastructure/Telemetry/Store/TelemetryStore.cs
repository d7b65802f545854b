using System.Buffers;
using System.Data.Common;
using System.Diagnostics;
using System.Text;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Observability;
using FactoryCloud.Infrastructure.Telemetry.Queries;
using Microsoft.EntityFrameworkCore.Storage;

namespace FactoryCloud.Infrastructure.Telemetry.Store;

/// <summary>
/// Stores accepted telemetry set-based, one transaction per tenant of the batch, in a context for that tenant:
/// <list type="number">
/// <item>touch the machines (FirstSeenAt = min, LastSeenAt = max of ReceivedAt), which also locks them and reads their loss-sums key;</item>
/// <item>insert the raw events with ON CONFLICT DO NOTHING RETURNING the dedup key: only those returned are new;</item>
/// <item>aggregate the new messages in memory per machine, bucket size and bucket start;</item>
/// <item>merge new state changes into the stored timeline (its neighbourhood loaded in one query);</item>
/// <item>upsert the state changes, then add the aggregates to the buckets.</item>
/// </list>
/// A repeated message (same tenant and dedup key, in the batch or stored) is a duplicate and changes nothing.
/// Messages whose machine is not (any longer) in their tenant, or whose payload no longer parses, are skipped and
/// logged: retrying them could never succeed. The tenant's loss settings and ideal cycle times come from
/// <see cref="TelemetrySettingsCache"/>: a steady-state batch reads no settings.
/// </summary>
public sealed class TelemetryStore(
    AppDbContextFactory contexts, TelemetrySettingsCache settingsCache, ILogger<TelemetryStore> logger, TelemetryNotifications? notifications = null) : ITelemetryStore
{
    public async Task<TelemetryStoreResult> StoreAsync(IReadOnlyList<AcceptedTelemetry> batch, CancellationToken ct)
    {
        using var activity = IngestionInstruments.Source.StartActivity("telemetry store");
        activity?.SetTag("factorycloud.telemetry.messages", batch.Count);
        var started = Stopwatch.GetTimestamp();
        int applied = 0, duplicates = 0;
        try
        {
            foreach (var tenant in batch.GroupBy(m => m.TenantId))
            {
                var result = await StoreTenantAsync(tenant.Key, tenant.ToList(), ct);
                applied += result.Applied;
                duplicates += result.Duplicates;
            }
        }
        catch (Exception e) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            IngestionInstruments.StoreDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        IngestionInstruments.Stored.Add(applied, new KeyValuePair<string, object?>("outcome", "applied"));
        IngestionInstruments.Stored.Add(duplicates, new KeyValuePair<string, object?>("outcome", "duplicate"));
        activity?.SetTag("factorycloud.telemetry.applied", applied);
        activity?.SetTag("factorycloud.telemetry.duplicates", duplicates);
        return new TelemetryStoreResult(applied, duplicates);
    }

    private async Task<TelemetryStoreResult> StoreTenantAsync(Guid tenantId, List<AcceptedTelemetry> messages, CancellationToken ct)
    {
        var unique = new List<Parsed>(messages.Count);
        var seen = new HashSet<string>(messages.Count, StringComparer.Ordinal);
        var duplicates = 0;
        foreach (var message in messages)
        {
            if (!seen.Add(message.DedupKey))
            {
                duplicates++;
                continue;
            }
            if (Parse(message) is { } reading) unique.Add(new Parsed(message, reading));
        }
        if (unique.Count == 0) return new TelemetryStoreResult(0, duplicates);

        await using var db = contexts.Create(DataScope.ForTenant(tenantId));
        var sql = TelemetrySql.For(db);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();

        var touched = unique
            .GroupBy(p => p.Message.MachineId)
            .Select(g => (Machine: g.Key, First: g.Min(p => p.Message.ReceivedAt).ToUniversalTime(), Last: g.Max(p => p.Message.ReceivedAt).ToUniversalTime()))
            .OrderBy(m => m.Machine)
            .ToList();
        var machines = await sql.TouchMachinesAsync(connection, dbTransaction, tenantId, touched, ct);
        if (machines.Count < touched.Count)
        {
            // Seen once under kills and redeliveries: the UPDATE returned fewer rows than it locked. The tenant's
            // machines are read again, so a message is skipped only when its machine really is not in the tenant.
            var missing = touched.Select(m => m.Machine).Where(id => !machines.ContainsKey(id)).ToList();
            foreach (var machine in await db.Machines.AsNoTracking().Where(m => missing.Contains(m.Id))
                         .Select(m => new { m.Id, m.LossSumsKey }).ToListAsync(ct))
                machines[machine.Id] = machine.LossSumsKey;
        }
        var known = unique.Where(p => machines.ContainsKey(p.Message.MachineId)).ToList();
        if (known.Count < unique.Count)
        {
            logger.LogWarning("Skipped {Count} messages of tenant {Tenant} for machines that are not in the tenant: {Machines}",
                unique.Count - known.Count, tenantId, string.Join(", ", unique.Select(p => p.Message.MachineId).Where(id => !machines.ContainsKey(id)).Distinct()));
        }

        var inserted = await sql.InsertEventsAsync(connection, dbTransaction, tenantId, known.Select(ToEvent).ToList(), ct);
        duplicates += known.Count - inserted.Count;
        var fresh = known.Where(p => inserted.Contains(p.Message.DedupKey)).ToList();
        var settings = fresh.Count > 0 ? await settingsCache.GetAsync(db, fresh.Select(p => p.Message.MachineId).Distinct(), ct) : null;

        var buckets = new BucketAccumulator();
        var states = new List<(Parsed Parsed, StateReading Reading)>();
        foreach (var parsed in fresh)
        {
            var machineId = parsed.Message.MachineId;
            buckets.AddMessage(machineId, parsed.Reading.Timestamp);
            switch (parsed.Reading)
            {
                case CountReading count:
                    buckets.AddCount(machineId, count.Timestamp, count.Good, count.Scrap, settings!.CycleTimes[machineId].For(count.Product));
                    break;
                case MeasureReading measure when measure.Values.TryGetValue(TelemetryContract.EnergyMeasureName, out var kwh):
                    buckets.AddEnergy(machineId, measure.Timestamp, kwh);
                    break;
                case StateReading state:
                    states.Add((parsed, state));
                    break;
            }
        }

        var lossSettings = settings?.Loss ?? LossSettings.Default;
        var stale = fresh.Select(p => p.Message.MachineId).Distinct().Where(id => machines[id] != settings!.LossSumsKey).ToHashSet();
        if (states.Count > 0)
        {
            var changes = await MergeStatesAsync(sql, connection, dbTransaction, tenantId, states, buckets, id => stale.Contains(id) ? null : lossSettings, ct);
            await sql.UpsertStateChangesAsync(connection, dbTransaction, tenantId, changes, ct);
        }
        var written = buckets.Buckets(tenantId).ToList();
        var writtenDowntime = buckets.DowntimeBuckets(tenantId).ToList();
        await sql.AddToBucketsAsync(connection, dbTransaction, tenantId, written, ct);
        await sql.AddToDowntimeBucketsAsync(connection, dbTransaction, tenantId, writtenDowntime, ct);
        await ForgetPlannedDaysAsync(db, written.Where(b => b.Size == BucketSize.Minute).Select(b => (b.MachineId, b.Start))
            .Concat(writtenDowntime.Where(b => b.Size == BucketSize.Minute).Select(b => (b.MachineId, b.Start))), ct);
        if (stale.Count > 0) await LossSums.RebuildAsync(db, sql, tenantId, stale.ToList(), lossSettings, ct);
        await transaction.CommitAsync(ct);
        if (fresh.Count > 0) notifications?.Publish(tenantId, fresh.Select(p => p.Message.MachineId).Distinct().ToList());
        return new TelemetryStoreResult(fresh.Count, duplicates);
    }

    /// <summary>
    /// Deletes the planned-time roll-ups (<see cref="MachinePlannedDay"/>, <see cref="MachineDowntimeDay"/>, and the weeks
    /// they are part of) of the UTC days the batch wrote buckets of,
    /// within the batch's transaction (which holds the machines' row locks): a roll-up is materialised under the same
    /// locks, so it either saw these buckets or is deleted here. For the machines and days written (a superset of the
    /// pairs at most: a deleted roll-up is only materialised again). Usually today, which has none.
    /// </summary>
    private static async Task ForgetPlannedDaysAsync(AppDbContext db, IEnumerable<(Guid MachineId, DateTimeOffset Minute)> written, CancellationToken ct)
    {
        var pairs = written.Select(w => (w.MachineId, Day: BucketSize.Day.StartOf(w.Minute))).Distinct().ToList();
        if (pairs.Count == 0) return;
        var machineIds = pairs.Select(p => p.MachineId).Distinct().ToList();
        var days = pairs.Select(p => p.Day).Distinct().ToList();
        // Downtime and week roll-ups are written only with (after) these day rows and deleted with them: when none of
        // these days was rolled up (today's writes, almost always), neither exist, and two statements are saved.
        if (await db.MachinePlannedDays.Where(d => machineIds.Contains(d.MachineId) && days.Contains(d.Day)).ExecuteDeleteAsync(ct) == 0) return;
        await db.MachineDowntimeDays.Where(d => machineIds.Contains(d.MachineId) && days.Contains(d.Day)).ExecuteDeleteAsync(ct);
        await PlannedWeeks.ForgetAsync(db, machineIds, days, ct);
    }

    /// <summary>
    /// Applies the new state changes machine by machine, in time order (a later message of the batch wins at the same
    /// instant), against the stored neighbourhood of the batch's range; returns the rows to upsert.
    /// </summary>
    private static async Task<List<MachineStateChange>> MergeStatesAsync(
        TelemetrySql sql, DbConnection connection, DbTransaction transaction, Guid tenantId,
        List<(Parsed Parsed, StateReading Reading)> states, BucketAccumulator buckets, Func<Guid, LossSettings?> lossSettings, CancellationToken ct)
    {
        var byMachine = states.GroupBy(s => s.Parsed.Message.MachineId).ToList();
        var ranges = byMachine
            .Select(g => (Machine: g.Key,
                From: MachineStateChange.Normalize(g.Min(s => s.Reading.Timestamp)),
                To: MachineStateChange.Normalize(g.Max(s => s.Reading.Timestamp))))
            .ToList();
        var stored = (await sql.LoadStateNeighbourhoodsAsync(connection, transaction, tenantId, ranges, ct)).ToLookup(c => c.MachineId);
        var edges = ranges.Where(r => lossSettings(r.Machine) is not null)
            .Select(r => (r.Machine, Before: stored[r.Machine].Where(c => c.At < r.From).MaxBy(c => c.At), After: stored[r.Machine].Where(c => c.At > r.To).MinBy(c => c.At)))
            .Where(e => e.Before is not null || e.After is not null)
            .ToList();
        var runEdges = (await sql.LoadRunEdgesAsync(connection, transaction, tenantId, edges, ct)).ToLookup(c => c.MachineId);

        var written = new List<MachineStateChange>();
        var openRuns = new List<(Guid Machine, DateTimeOffset Start)>();
        foreach (var machine in byMachine)
        {
            var neighbourhood = stored[machine.Key].Concat(runEdges[machine.Key]).DistinctBy(c => c.At);
            var timeline = new MachineStateTimeline(tenantId, machine.Key, neighbourhood, lossSettings(machine.Key));
            // OrderBy is stable: of two changes at the same instant, the later one in the batch is applied last and wins.
            foreach (var (_, reading) in machine.OrderBy(s => MachineStateChange.Normalize(s.Reading.Timestamp)))
                timeline.Apply(reading.Timestamp, reading.State, StorableReason(reading.Reason), buckets);
            timeline.Finish(buckets);
            written.AddRange(timeline.Written);
            // The neighbourhood ends with the machine's latest run unless a different change was found after it.
            var after = edges.FirstOrDefault(e => e.Machine == machine.Key).After;
            if (lossSettings(machine.Key) is not null && (after is null || !runEdges[machine.Key].Any(c => c.At > after.At))
                && timeline.LastRunStart is { } openRun)
                openRuns.Add((machine.Key, openRun));
        }
        await sql.SetOpenRunStartsAsync(connection, transaction, tenantId, openRuns, ct);
        return written;
    }

    /// <summary>
    /// PostgreSQL text cannot hold U+0000, which a JSON string may escape: it is stored as U+FFFD (on both providers),
    /// rather than failing the batch on every redelivery. The raw payload keeps the escape as sent.
    /// </summary>
    private static string? StorableReason(string? reason) =>
        reason is not null && reason.Contains('\0', StringComparison.Ordinal) ? reason.Replace('\0', '\uFFFD') : reason;

    private TelemetryReading? Parse(AcceptedTelemetry message)
    {
        if (message.Reading is { } parsedAtIngress) return parsedAtIngress;
        var length = Encoding.UTF8.GetMaxByteCount(message.Payload.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(message.Payload, buffer);
            // The ingress's clock when it accepted the message, so the ts window gives the same answer as then.
            var result = TelemetryParser.Parse(message.Channel, buffer.AsSpan(0, written), message.ReceivedAt);
            if (result.IsAccepted) return result.Reading;
            logger.LogWarning("Skipped message {DedupKey} of machine {Machine}: its payload no longer parses ({Reason}: {Detail})",
                message.DedupKey, message.MachineId, result.Reason, result.Detail);
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static TelemetryEvent ToEvent(Parsed parsed) => new()
    {
        TenantId = parsed.Message.TenantId,
        MachineId = parsed.Message.MachineId,
        DeviceId = parsed.Message.DeviceId,
        DedupKey = parsed.Message.DedupKey,
        Channel = parsed.Message.Channel,
        Timestamp = parsed.Reading.Timestamp.ToUniversalTime(),
        Payload = parsed.Message.Payload,
        ReceivedAt = parsed.Message.ReceivedAt.ToUniversalTime(),
    };

    private sealed record Parsed(AcceptedTelemetry Message, TelemetryReading Reading);

}

