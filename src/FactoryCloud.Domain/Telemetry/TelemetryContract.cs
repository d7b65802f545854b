namespace FactoryCloud.Domain.Telemetry;

/// <summary>The limits and fixed names of the public telemetry contract, version 1 (see docs/telemetry-contract.md).</summary>
public static class TelemetryContract
{
    /// <summary>First topic segment.</summary>
    public const string TopicPrefix = "fc";

    /// <summary>Second topic segment: the contract version.</summary>
    public const string Version = "v1";

    /// <summary><c>fc/v1/{tenant}/{site}/{area}/{line}/{machine}/{channel}</c>.</summary>
    public const int TopicSegmentCount = 8;

    /// <summary>Longest tenant, site, area, line or machine key.</summary>
    public const int MaxKeyLength = 64;

    /// <summary>Largest accepted payload, in bytes.</summary>
    public const int MaxPayloadBytes = 8192;

    /// <summary>Most values in one <c>measure</c> message.</summary>
    public const int MaxMeasureValues = 32;

    /// <summary>Longest measure name.</summary>
    public const int MaxMeasureNameLength = 64;

    /// <summary>Longest <c>reason</c> of a state message, in Unicode characters (code points).</summary>
    public const int MaxReasonLength = 64;

    /// <summary>Longest <c>product</c> of a count message, in Unicode characters (code points).</summary>
    public const int MaxProductLength = 64;

    /// <summary>Longest accepted <c>ts</c> text, in bytes.</summary>
    public const int MaxTimestampLength = 64;

    /// <summary>The measure that is an increment (energy used since the previous message) and so never negative.</summary>
    public const string EnergyMeasureName = "energy_kwh";

    /// <summary>How far <c>ts</c> may be ahead of the server clock (device clock drift).</summary>
    public static readonly TimeSpan MaxTimestampAhead = TimeSpan.FromMinutes(5);

    /// <summary>How far <c>ts</c> may be behind the server clock (store-and-forward after an outage).</summary>
    public static readonly TimeSpan MaxTimestampAge = TimeSpan.FromDays(7);
}
