using System.Buffers.Binary;
using System.Security.Cryptography;

namespace FactoryCloud.IntegrationTests.Web.Account;

/// <summary>RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits) from a base32 key, as an authenticator app computes it.</summary>
public static class Totp
{
    /// <summary>The steps the app accepts around now, in the order <see cref="Code(string)"/> hands them out.</summary>
    private static readonly int[] AcceptedSteps = [0, 1, -1, 2, -2];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Handed = new();

    /// <summary>
    /// A code the app accepts now and that was not handed out before for this key: each code is accepted only once,
    /// as a person would wait for the next code, a test takes the code of a neighbouring step.
    /// </summary>
    public static string Code(string base32Key)
    {
        var n = Handed.AddOrUpdate(base32Key, 0, (_, last) => last + 1);
        if (n >= AcceptedSteps.Length) throw new InvalidOperationException("A test used more authenticator codes of one key than one time window holds.");
        return Code(base32Key, DateTimeOffset.UtcNow.AddSeconds(30 * AcceptedSteps[n]));
    }

    public static string Code(string base32Key, DateTimeOffset at)
    {
        var step = at.ToUnixTimeSeconds() / 30;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1; this is what they compute
        var hash = HMACSHA1.HashData(Base32(base32Key), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A code that is certainly wrong now (a valid code of a distant time step).</summary>
    public static string WrongCode(string base32Key)
    {
        var right = new HashSet<string>(Enumerable.Range(-3, 7).Select(i => Code(base32Key, DateTimeOffset.UtcNow.AddSeconds(30 * i))));
        return Enumerable.Range(0, 1_000_000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !right.Contains(c));
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
