using System.Text;
using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Infrastructure.Telemetry.Queries;

/// <summary>
/// Reads what measure rules need from the stored telemetry of one tenant: a measurement's recent values from the raw
/// measure messages (the only place measurements are kept). States and rolling OEE come from the KPI side
/// (<see cref="StateChangeRows"/>, <see cref="KpiData"/>), so a rule sees what a dashboard shows.
/// </summary>
internal sealed class MeasureSamplesReader(AppDbContext db)
{
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
