using System.Text.Json;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Web.Features.Dashboards;

/// <summary>
/// Measurements have no buckets (only energy is summed into them), so the chart reads the machine's raw measure
/// messages: the latest <see cref="MaxMessages"/> in the window, averaged into at most <see cref="MaxPoints"/> points
/// per value. <c>energy_kwh</c> is left out: it is an increment, shown as energy per good unit.
/// </summary>
public static class Measurements
{
    public const int MaxMessages = 5000;
    public const int MaxPoints = 240;

    public static async Task<IReadOnlyList<MeasurementSeries>> LoadAsync(AppDbContext db, Guid machineId, TimeWindow window, CancellationToken ct)
    {
        var (start, end) = (window.Start, window.End);
        var payloads = await db.TelemetryEvents.AsNoTracking()
            .Where(e => e.MachineId == machineId && e.Channel == TelemetryChannel.Measure && e.Timestamp >= start && e.Timestamp < end)
            .OrderByDescending(e => e.Timestamp)
            .Take(MaxMessages)
            .Select(e => new { e.Timestamp, e.Payload })
            .ToListAsync(ct);
        var points = new Dictionary<string, List<MeasurementPoint>>(StringComparer.Ordinal);
        foreach (var message in payloads.OrderBy(p => p.Timestamp))
        {
            using var json = JsonDocument.Parse(message.Payload);
            if (!json.RootElement.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Object) continue;
            foreach (var value in values.EnumerateObject())
            {
                if (value.Name == "energy_kwh" || value.Value.ValueKind != JsonValueKind.Number) continue;
                if (!points.TryGetValue(value.Name, out var list)) points[value.Name] = list = [];
                list.Add(new MeasurementPoint(message.Timestamp, value.Value.GetDouble()));
            }
        }
        return points.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new MeasurementSeries(p.Key, Thin(p.Value, window))).ToList();
    }

    /// <summary>Averages the points into at most <see cref="MaxPoints"/> equal time slots of the window.</summary>
    public static IReadOnlyList<MeasurementPoint> Thin(IReadOnlyList<MeasurementPoint> points, TimeWindow window)
    {
        if (points.Count <= MaxPoints) return points;
        var slot = window.Duration / MaxPoints;
        return points
            .GroupBy(p => (long)((p.At - window.Start) / slot))
            .Select(g => new MeasurementPoint(window.Start + (slot * g.Key), g.Average(p => p.Value)))
            .ToList();
    }
}
