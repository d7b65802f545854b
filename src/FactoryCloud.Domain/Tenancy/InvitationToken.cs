using System.Buffers.Text;
using System.Security.Cryptography;

namespace FactoryCloud.Domain.Tenancy;

/// <summary>
/// An invitation link's secret: the tenant id followed by 32 random bytes, base64url-encoded. The tenant id lets the
/// invitation be found within its tenant only; the random part is the capability. Only the SHA-256 hash is stored.
/// </summary>
public static class InvitationToken
{
    private const int SecretLength = 32;

    public static string Create(Guid tenantId)
    {
        Span<byte> bytes = stackalloc byte[16 + SecretLength];
        tenantId.TryWriteBytes(bytes[..16]);
        RandomNumberGenerator.Fill(bytes[16..]);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryReadTenant(string? token, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        if (string.IsNullOrEmpty(token) || token.Length > 128) return false;
        Span<byte> bytes = stackalloc byte[96];
        if (!Base64Url.IsValid(token) || !Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != 16 + SecretLength)
            return false;
        tenantId = new Guid(bytes[..16]);
        return tenantId != Guid.Empty;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
