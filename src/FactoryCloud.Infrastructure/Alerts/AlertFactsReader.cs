using System.Text;
using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Ingestion;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.Infrastructure.Alerts;

/// <summary>
/// Reads what the rules need from the stored telemetry of one tenant: the latest state change per machine, rolling
/// bucket sums (summed in the database, one query per window length) and a measurement's recent values from the raw
/// measure messages (the only place measurements are kept).
/// </summary>
internal sealed class AlertFactsReader(AppDbContext db)
{
    /// <summary>
    /// Each machine's latest state change: first its instant, as a correlated max per machine (one index lookup each),
    /// then those rows, so the 30-second sweep never reads a machine's whole timeline.
    /// </summary>
    public async Task<Dictionary<Guid, MachineStateChange>> LatestStatesAsync(IReadOnlyCollection<Guid> machineIds, CancellationToken ct)
    {
        var latestAt = await db.Machines
            .Where(m => machineIds.Contains(m.Id))
            .Select(m => db.MachineStateChanges.Where(c => c.MachineId == m.Id).Max(c => (DateTimeOffset?)c.At))
            .ToListAsync(ct);
        var instants = latestAt.OfType<DateTimeOffset>().Distinct().ToList();
        var rows = await db.MachineStateChanges.AsNoTracking()
            .Where(c => machineIds.Contains(c.MachineId) && instants.Contains(c.At))
            .ToListAsync(ct);
        return rows.GroupBy(c => c.MachineId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.At)!);
    }

    /// <summary>Minute buckets starting inside the window (its start is a whole minute), summed per machine.</summary>
    public async Task<Dictionary<Guid, ClosedStateSums>> WindowSumsAsync(IReadOnlyCollection<Guid> machineIds, TimeWindow window, CancellationToken ct)
    {
        var (start, end) = (window.Start, window.End);
        return await db.MachineBuckets
            .Where(b => machineIds.Contains(b.MachineId) && b.Size == BucketSize.Minute && b.Start >= start && b.Start < end)
            .GroupBy(b => b.MachineId)
            .Select(g => new
            {
                Machine = g.Key,
                Sums = new ClosedStateSums(
                    g.Sum(b => b.RunSeconds), g.Sum(b => b.IdleSeconds), g.Sum(b => b.DownSeconds), g.Sum(b => b.ChangeoverSeconds),
                    g.Sum(b => b.PlannedStopSeconds), g.Sum(b => b.OfflineSeconds), g.Sum(b => b.GoodCount), g.Sum(b => b.ScrapCount),
                    g.Sum(b => b.IdealSecondsTotal), g.Sum(b => b.IdealSecondsGood)),
            })
            .ToDictionaryAsync(x => x.Machine, x => x.Sums, ct);
    }

    /// <summary>
    /// The values of <paramref name="name"/> after <paramref name="cutoff"/> in time order, preceded by the latest one
    /// at or before it. The payload text filter only narrows the rows; each payload is parsed to be sure.
    /// </summary>
    public async Task<IReadOnlyList<MeasureSample>> MeasuresAsync(Guid machineId, string name, DateTimeOffset cutoff, CancellationToken ct)
    {
        var quoted = $"\"{name}\"";
        var measures = db.TelemetryEvents.AsNoTracking()
            .Where(e => e.MachineId == machineId && e.Channel == TelemetryChannel.Measure && e.Payload.Contains(quoted));
        var recent = await measures.Where(e => e.Timestamp > cutoff).OrderBy(e => e.Timestamp)
            .Select(e => new { e.Payload, e.ReceivedAt }).ToListAsync(ct);
        var before = await measures.Where(e => e.Timestamp <= cutoff).OrderByDescending(e => e.Timestamp)
            .Select(e => new { e.Payload, e.ReceivedAt }).Take(5).ToListAsync(ct);

        var samples = new List<MeasureSample>(recent.Count + 1);
        if (before.Select(e => Value(e.Payload, e.ReceivedAt, name)).FirstOrDefault(s => s is not null) is { } previous) samples.Add(previous);
        samples.AddRange(recent.Select(e => Value(e.Payload, e.ReceivedAt, name)).OfType<MeasureSample>());
        return samples;
    }

    private static MeasureSample? Value(string payload, DateTimeOffset receivedAt, string name) =>
        TelemetryParser.Parse(TelemetryChannel.Measure, Encoding.UTF8.GetBytes(payload), receivedAt) is { IsAccepted: true, Reading: MeasureReading reading }
        && reading.Values.TryGetValue(name, out var value)
            ? new MeasureSample(reading.Timestamp, value)
            : null;
}
