using System.Globalization;
using System.Text;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Infrastructure.Pipeline;

/// <summary>
/// Behind an external broker the worker does not know which device published (<see cref="AcceptedTelemetry.DeviceId"/>
/// is <see cref="Guid.Empty"/>), so a key of <c>{deviceId}:{seq}</c> would merge the messages of every device of a
/// tenant that happen to share a seq. This sink re-keys such messages with the machine as the device part
/// (<c>machine.{machineId}:{seq}</c>, or the payload hash without seq) before passing them on. Messages from an
/// authenticated device pass unchanged.
/// </summary>
public sealed class ExternalDedupKeySink(IAcceptedTelemetrySink inner) : IAcceptedTelemetrySink
{
    public Task WriteAsync(AcceptedTelemetry message, CancellationToken cancellationToken) =>
        inner.WriteAsync(message.DeviceId == Guid.Empty ? message with { DedupKey = KeyFor(message) } : message, cancellationToken);

    /// <summary>The key of a message whose device is unknown: the machine stands in for the device.</summary>
    public static string KeyFor(AcceptedTelemetry message)
    {
        // The payload is the device's UTF-8 exactly (it was valid UTF-8, so it round-trips byte for byte), and it was
        // accepted at ReceivedAt, so parsing it again at that instant gives the same reading.
        var payload = Encoding.UTF8.GetBytes(message.Payload);
        var parsed = TelemetryParser.Parse(message.Channel, payload, message.ReceivedAt);
        var device = "machine." + message.MachineId.ToString("N", CultureInfo.InvariantCulture);
        // Should the reading not parse again, the payload hash still never merges two different messages.
        return TelemetryDedupKey.For(device, message.Channel, parsed.IsAccepted ? parsed.Reading.Sequence : null, payload);
    }
}
