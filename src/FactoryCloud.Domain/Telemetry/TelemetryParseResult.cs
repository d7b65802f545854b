using System.Diagnostics.CodeAnalysis;

namespace FactoryCloud.Domain.Telemetry;

/// <summary>The outcome of <see cref="TelemetryParser.Parse"/>: an accepted reading, or a refusal with a reason and a short detail.</summary>
public readonly record struct TelemetryParseResult
{
    private TelemetryParseResult(TelemetryReading? reading, RefusalReason reason, string detail)
    {
        Reading = reading;
        Reason = reason;
        _detail = detail;
    }

    private readonly string? _detail;

    /// <summary>The reading when accepted, else null.</summary>
    public TelemetryReading? Reading { get; }

    /// <summary><see cref="RefusalReason.None"/> when accepted.</summary>
    public RefusalReason Reason { get; }

    /// <summary>Empty when accepted; else which field or byte range is wrong, without echoing payload content at length.</summary>
    public string Detail => _detail ?? "";

    [MemberNotNullWhen(true, nameof(Reading))]
    public bool IsAccepted => Reading is not null;

    public static TelemetryParseResult Accepted(TelemetryReading reading) =>
        new(reading ?? throw new ArgumentNullException(nameof(reading)), RefusalReason.None, "");

    public static TelemetryParseResult Refused(RefusalReason reason, string detail)
    {
        if (reason == RefusalReason.None) throw new ArgumentException("A refusal needs a reason.", nameof(reason));
        return new(null, reason, detail ?? "");
    }

    public override string ToString() => IsAccepted ? $"Accepted {Reading}" : $"Refused {Reason}: {Detail}";
}
