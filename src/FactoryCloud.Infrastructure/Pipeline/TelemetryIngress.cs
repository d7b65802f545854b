using System.Text;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Devices;
using FactoryCloud.Infrastructure.Observability;
using FactoryCloud.Infrastructure.Quotas;

namespace FactoryCloud.Infrastructure.Pipeline;

/// <summary>
/// Validates a device's message by the telemetry contract, finds its machine, and hands it to the sink; a refused
/// message is recorded with its reason and never reaches the database half-applied. A valid message over the tenant's
/// plan (messages per day, storage) is refused by the in-memory <see cref="MessageQuota"/> (no database access), and
/// recorded once a minute.
/// </summary>
public sealed class TelemetryIngress(
    MachineDirectory machines, IAcceptedTelemetrySink sink, RefusalRecorder refusals, TimeProvider clock, MessageQuota quota) : ITelemetryIngress
{
    public async Task<RefusalReason> AcceptAsync(DeviceIdentity device, TelemetryTopic topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var parsed = TelemetryParser.Parse(topic.Channel, payload.Span, now);
        if (!parsed.IsAccepted)
        {
            refusals.Record(device, topic.Format(), parsed.Reason, parsed.Detail, payload.Span);
            CountRefused(parsed.Reason);
            return parsed.Reason;
        }
        if (await machines.FindAsync(device.TenantId, topic.Path, cancellationToken) is not { } machineId)
        {
            refusals.Record(device, topic.Format(), RefusalReason.UnknownMachine, $"No machine '{topic.Path}' is onboarded.", payload.Span);
            CountRefused(RefusalReason.UnknownMachine);
            return RefusalReason.UnknownMachine;
        }

        if (quota.TryCount(device.TenantId) is var overQuota && overQuota != RefusalReason.None)
        {
            if (quota.FirstRefusalThisMinute(device.TenantId))
                refusals.Record(device, topic.Format(), overQuota, overQuota.Describe(), payload.Span);
            CountRefused(overQuota);
            return overQuota;
        }

        var key = TelemetryDedupKey.For(device.DeviceId.ToString("N"), topic.Channel, parsed.Reading.Sequence, payload.Span);
        await sink.WriteAsync(new AcceptedTelemetry(device.TenantId, machineId, device.DeviceId, key, topic.Channel,
            parsed.Reading.Timestamp, Encoding.UTF8.GetString(payload.Span), now) { Reading = parsed.Reading }, cancellationToken);
        IngestionInstruments.Accepted.Add(1, new KeyValuePair<string, object?>("channel", topic.Channel.ToWireName()));
        return RefusalReason.None;
    }

    public void Refuse(DeviceIdentity device, string topic, RefusalReason reason, ReadOnlySpan<byte> payload)
    {
        refusals.Record(device, topic, reason, reason.Describe(), payload);
        CountRefused(reason);
    }

    private static void CountRefused(RefusalReason reason) =>
        IngestionInstruments.Refused.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));
}
