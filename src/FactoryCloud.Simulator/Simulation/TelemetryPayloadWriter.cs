using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Simulator.Simulation;

/// <summary>
/// Writes payloads of the telemetry contract (docs/telemetry-contract.md): compact JSON, fields in contract order,
/// <c>ts</c> as RFC 3339 with milliseconds and an offset, integers as plain integer literals.
/// </summary>
public static class TelemetryPayloadWriter
{
    // The relaxed encoder keeps '+' in offsets literal (the default writes \u002B); strings stay valid, escaped JSON.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>2025-03-03T08:15:00.250+01:00</c>, or with <c>Z</c> when the offset is zero.</summary>
    public static string FormatTimestamp(DateTimeOffset instant, TimeSpan utcOffset)
    {
        var local = instant.ToOffset(utcOffset);
        var text = local.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff", CultureInfo.InvariantCulture);
        return utcOffset == TimeSpan.Zero ? text + "Z" : text + local.ToString("zzz", CultureInfo.InvariantCulture);
    }

    /// <summary><c>{"ts":…,"seq":…,"state":"down","reason":"jam"}</c>; no reason field when <paramref name="reason"/> is null.</summary>
    public static string State(DateTimeOffset ts, TimeSpan utcOffset, ulong seq, MachineState state, string? reason) =>
        Write(ts, utcOffset, seq, writer =>
        {
            writer.WriteString("state", state.ToWireName());
            if (!string.IsNullOrEmpty(reason)) writer.WriteString("reason", reason);
        });

    /// <summary><c>{"ts":…,"seq":…,"good":12,"scrap":1,"product":"sku-a"}</c>.</summary>
    public static string Count(DateTimeOffset ts, TimeSpan utcOffset, ulong seq, long good, long scrap, string? product)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(good);
        ArgumentOutOfRangeException.ThrowIfNegative(scrap);
        return Write(ts, utcOffset, seq, writer =>
        {
            writer.WriteNumber("good", good);
            writer.WriteNumber("scrap", scrap);
            if (!string.IsNullOrEmpty(product)) writer.WriteString("product", product);
        });
    }

    /// <summary><c>{"ts":…,"seq":…,"values":{"temperature_c":71.5,…}}</c>, values in the given order.</summary>
    public static string Measure(DateTimeOffset ts, TimeSpan utcOffset, ulong seq, IEnumerable<KeyValuePair<string, double>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Write(ts, utcOffset, seq, writer =>
        {
            writer.WriteStartObject("values");
            foreach (var (name, value) in values)
            {
                if (!double.IsFinite(value)) throw new ArgumentException($"Measure '{name}' is not finite.", nameof(values));
                writer.WriteNumber(name, value);
            }
            writer.WriteEndObject();
        });
    }

    private static string Write(DateTimeOffset ts, TimeSpan utcOffset, ulong seq, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("ts", FormatTimestamp(ts, utcOffset));
            writer.WriteNumber("seq", seq);
            body(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
