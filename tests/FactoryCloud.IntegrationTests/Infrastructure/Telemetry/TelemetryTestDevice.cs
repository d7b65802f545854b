using System.Globalization;
using System.Text;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;

namespace FactoryCloud.IntegrationTests.Infrastructure.Telemetry;

/// <summary>
/// A device publishing for one machine: builds <see cref="AcceptedTelemetry"/> as the ingress does (dedup key from
/// device and seq, ReceivedAt shortly after ts so the processor's re-parse accepts the ts window).
/// </summary>
public sealed class TelemetryTestDevice(Guid tenantId, Guid machineId)
{
    private ulong _seq;

    public Guid TenantId { get; } = tenantId;
    public Guid MachineId { get; } = machineId;
    public Guid DeviceId { get; } = Guid.NewGuid();

    /// <summary>How long after ts the ingress received each message.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A machine (with its site, area and line) in the tenant.</summary>
    public static async Task<TelemetryTestDevice> CreateAsync(
        TestDatabase database, Guid tenantId, double idealCycleTimeSeconds = 2.0, Dictionary<string, double>? productCycleTimes = null)
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(tenantId));
        var site = new Site { Key = "s-" + Guid.NewGuid().ToString("N")[..8], Name = "Site" };
        var area = new Area { SiteId = site.Id, Key = "area-1", Name = "Area 1" };
        var line = new Line { AreaId = area.Id, Key = "line-1", Name = "Line 1" };
        var machine = new Machine
        {
            LineId = line.Id, Key = "m-" + Guid.NewGuid().ToString("N")[..8], Name = "Machine",
            IdealCycleTimeSeconds = idealCycleTimeSeconds, ProductCycleTimes = productCycleTimes ?? [],
        };
        db.AddRange(site, area, line, machine);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new TelemetryTestDevice(tenantId, machine.Id);
    }

    public AcceptedTelemetry State(DateTimeOffset ts, MachineState state, string? reason = null) =>
        Message(TelemetryChannel.State, ts, $"\"state\":\"{state.ToWireName()}\"" + (reason is null ? "" : $",\"reason\":\"{reason}\""));

    public AcceptedTelemetry Count(DateTimeOffset ts, long good, long scrap = 0, string? product = null) =>
        Message(TelemetryChannel.Count, ts, $"\"good\":{good},\"scrap\":{scrap}" + (product is null ? "" : $",\"product\":\"{product}\""));

    public AcceptedTelemetry Energy(DateTimeOffset ts, double kwh) =>
        Message(TelemetryChannel.Measure, ts, string.Create(CultureInfo.InvariantCulture, $"\"values\":{{\"energy_kwh\":{kwh},\"temperature_c\":71.5}}"));

    public AcceptedTelemetry Measure(DateTimeOffset ts, string valuesJson) => Message(TelemetryChannel.Measure, ts, $"\"values\":{valuesJson}");

    /// <summary>A message with exactly this payload (no seq is added): its dedup key hashes the payload.</summary>
    public AcceptedTelemetry Raw(TelemetryChannel channel, DateTimeOffset ts, string payload)
    {
        var parsed = TelemetryParser.Parse(channel, Encoding.UTF8.GetBytes(payload), ts + Delay);
        Assert.True(parsed.IsAccepted, parsed.ToString());
        var key = TelemetryDedupKey.For(DeviceId.ToString("N"), channel, parsed.Reading.Sequence, Encoding.UTF8.GetBytes(payload));
        return new AcceptedTelemetry(TenantId, MachineId, DeviceId, key, channel, parsed.Reading.Timestamp, payload, ts + Delay);
    }

    public static string Ts(DateTimeOffset ts) => ts.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private AcceptedTelemetry Message(TelemetryChannel channel, DateTimeOffset ts, string fields) =>
        Raw(channel, ts, $"{{\"ts\":\"{Ts(ts)}\",\"seq\":{++_seq},{fields}}}");
}
