using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace FactoryCloud.Domain.AccessTokens;

/// <summary>
/// The secrets handed out once and stored only as SHA-256 hashes. A refresh token is <c>fc_rt_</c> and 32 random bytes;
/// a personal access token is <c>fc_pat_</c>, the tenant id and 32 random bytes (base64url), so it is looked up
/// within its tenant only. The prefixes let secret scanners recognise a leaked token.
/// </summary>
public static class TokenSecret
{
    public const string RefreshPrefix = "fc_rt_";
    public const string PersonalAccessPrefix = "fc_pat_";
    private const int SecretLength = 32;

    /// <summary>Tokens longer than this are refused before any decoding or hashing.</summary>
    public const int MaxLength = 128;

    public static string NewRefreshToken() => RefreshPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretLength));

    public static string NewPersonalAccessToken(Guid tenantId)
    {
        Span<byte> bytes = stackalloc byte[16 + SecretLength];
        tenantId.TryWriteBytes(bytes[..16]);
        RandomNumberGenerator.Fill(bytes[16..]);
        return PersonalAccessPrefix + Base64Url.EncodeToString(bytes);
    }

    public static bool IsPersonalAccessToken(string? token) => token?.StartsWith(PersonalAccessPrefix, StringComparison.Ordinal) == true;

    /// <summary>The tenant a well-formed personal access token names; false for anything else.</summary>
    public static bool TryReadTenant(string? token, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        if (!IsPersonalAccessToken(token) || token!.Length > MaxLength) return false;
        var body = token.AsSpan(PersonalAccessPrefix.Length);
        Span<byte> bytes = stackalloc byte[96];
        if (!Base64Url.IsValid(body) || !Base64Url.TryDecodeFromChars(body, bytes, out var written) || written != 16 + SecretLength)
            return false;
        tenantId = new Guid(bytes[..16]);
        return tenantId != Guid.Empty;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The first characters of a token, shown in lists so a person can tell their tokens apart.</summary>
    public static string Hint(string token) => token[..Math.Min(token.Length, PersonalAccessPrefix.Length + 6)];
}
