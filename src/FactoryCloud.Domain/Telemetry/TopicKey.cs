using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace FactoryCloud.Domain.Telemetry;

/// <summary>The grammar of tenant, site, area, line and machine keys in telemetry topics: <c>[a-z0-9-]{1,64}</c>.</summary>
public static class TopicKey
{
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    public static bool IsValid([NotNullWhen(true)] string? key) => key is not null && IsValid(key.AsSpan());

    public static bool IsValid(ReadOnlySpan<char> key) =>
        key.Length is >= 1 and <= TelemetryContract.MaxKeyLength && !key.ContainsAnyExcept(Allowed);

    internal static string Require(string? key, string paramName) =>
        IsValid(key) ? key : throw new ArgumentException($"'{key}' is not a valid topic key: [a-z0-9-]{{1,64}}.", paramName);
}
