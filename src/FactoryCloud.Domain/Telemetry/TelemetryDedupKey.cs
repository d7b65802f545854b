using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FactoryCloud.Domain.Telemetry;

/// <summary>
/// The key under which a message is applied at most once, usable as a Service Bus MessageId and a database unique key
/// (at most <see cref="MaxLength"/> ASCII characters).
/// <list type="bullet">
/// <item>With <c>seq</c>: the same device and seq is the same message, whatever the channel (seq increases per device).
/// The key is <c>{deviceId}:{seq}</c> when the device id is 1 to 100 characters of <c>[A-Za-z0-9._-]</c>.</item>
/// <item>Otherwise: <c>sha256:</c> and 64 lower-case hex digits, hashing the device id, and, without seq, the channel and the exact payload bytes.</item>
/// </list>
/// The two forms cannot collide: a readable key ends in at most 20 decimal digits.
/// </summary>
public static class TelemetryDedupKey
{
    public const int MaxLength = 128;
    private const int MaxReadableDeviceIdLength = 100;
    private const string HashPrefix = "sha256:";

    private static readonly SearchValues<char> ReadableDeviceIdChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    /// <param name="deviceId">The authenticated device's stable id (not taken from the payload).</param>
    /// <param name="sequence">The parsed <c>seq</c>, if any.</param>
    /// <param name="payload">The payload bytes exactly as received; only used when there is no seq.</param>
    /// <exception cref="ArgumentException"><paramref name="deviceId"/> is null or empty.</exception>
    public static string For(string deviceId, TelemetryChannel channel, ulong? sequence, ReadOnlySpan<byte> payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        if (sequence is { } seq)
        {
            if (IsReadable(deviceId)) return string.Create(CultureInfo.InvariantCulture, $"{deviceId}:{seq}");
            Span<byte> seqBytes = stackalloc byte[sizeof(ulong)];
            BinaryPrimitives.WriteUInt64LittleEndian(seqBytes, seq);
            return Hash('s', deviceId, seqBytes, default);
        }
        return Hash('p', deviceId, Encoding.ASCII.GetBytes(channel.ToWireName()), payload);
    }

    private static bool IsReadable(string deviceId) =>
        deviceId.Length <= MaxReadableDeviceIdLength && !deviceId.AsSpan().ContainsAnyExcept(ReadableDeviceIdChars);

    /// <summary>SHA-256 over: kind, then each part as a 4-byte little-endian length followed by its bytes (unambiguous).</summary>
    private static string Hash(char kind, string deviceId, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third)
    {
        var deviceIdLength = Encoding.UTF8.GetByteCount(deviceId);
        var length = 1 + 4 + deviceIdLength + 4 + second.Length + 4 + third.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var span = buffer.AsSpan(0, length);
            span[0] = (byte)kind;
            var position = 1;
            BinaryPrimitives.WriteInt32LittleEndian(span[position..], deviceIdLength);
            position += 4;
            position += Encoding.UTF8.GetBytes(deviceId, span[position..]);
            position = Append(span, position, second);
            Append(span, position, third);

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(span, hash);
            return HashPrefix + Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Append(Span<byte> destination, int position, ReadOnlySpan<byte> part)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination[position..], part.Length);
        part.CopyTo(destination[(position + 4)..]);
        return position + 4 + part.Length;
    }
}
