using System.Security.Cryptography;
using System.Text;

namespace FactoryCloud.Domain.Notifications;

/// <summary>
/// How a webhook delivery is signed: <c>X-FactoryCloud-Signature: sha256=HEX</c>, the lower-case hex HMAC-SHA256,
/// keyed with the webhook's secret (its UTF-8 bytes), of <c>TIMESTAMP + "." + BODY</c>, where TIMESTAMP is the
/// <c>X-FactoryCloud-Timestamp</c> header (Unix seconds) and BODY the raw request body. Receivers recompute it,
/// compare in constant time, and refuse a timestamp more than five minutes away from their clock (replays).
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-FactoryCloud-Signature";
    public const string TimestampHeader = "X-FactoryCloud-Timestamp";
    public const string EventHeader = "X-FactoryCloud-Event";
    public const string DeliveryHeader = "X-FactoryCloud-Delivery";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>What a receiver does: the signature matches and the timestamp is recent.</summary>
    public static bool Verify(string secret, string? timestampHeader, string body, string? signatureHeader, DateTimeOffset now)
    {
        if (!long.TryParse(timestampHeader, out var timestamp) || signatureHeader is null) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > Tolerance.TotalSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signatureHeader));
    }

    /// <summary>A new secret: 32 random bytes, base64url (43 characters).</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
