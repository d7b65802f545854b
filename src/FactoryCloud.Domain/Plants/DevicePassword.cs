using System.Security.Cryptography;

namespace FactoryCloud.Domain.Plants;

/// <summary>
/// Device passwords: generated with 256 bits of randomness, stored as mosquitto's <c>$7$</c> PBKDF2-SHA512 hash
/// (<c>$7$iterations$salt$hash</c>, base64), which both our broker and an exported mosquitto password file verify.
/// </summary>
public static class DevicePassword
{
    public const int Iterations = 10_000;
    private const int SaltLength = 12;
    private const int HashLength = 64;

    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', 'A').Replace('/', 'B');

    public static string Hash(string password, int iterations = Iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, HashLength);
        return $"$7${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 5 || parts[1] != "7" || !int.TryParse(parts[2], out var iterations) || iterations is < 1 or > 1_000_000)
            return false;
        try
        {
            var salt = Convert.FromBase64String(parts[3]);
            var expected = Convert.FromBase64String(parts[4]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
