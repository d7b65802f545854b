using System.Security.Cryptography;
using System.Text;

namespace FactoryCloud.Domain.Accounts;

/// <summary>
/// The key of a <see cref="SignInFailure"/>: SHA-256 (hex) of the client address and the email address as entered,
/// trimmed and upper-cased, so "Ana@Example.com" and "ana@example.com " count together and the table keeps no address.
/// </summary>
public static class SignInFailureKey
{
    public const int Length = 64;

    public static string For(string? clientAddress, string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{clientAddress ?? "unknown"}\n{email.Trim().ToUpperInvariant()}")));
}
