namespace FactoryCloud.Web.Features.Maturity.Evidence;

/// <summary>The time windows evidence reads (documented in the README's maturity section).</summary>
public static class EvidenceWindows
{
    /// <summary>Connectivity and data: what streams now.</summary>
    public static readonly TimeSpan Recent = TimeSpan.FromHours(24);

    /// <summary>Energy, analytics, automation and the audit trail; trends compare it with the window before.</summary>
    public static readonly TimeSpan Trend = TimeSpan.FromDays(30);

    /// <summary>Lead and cycle times of items done in this window.</summary>
    public static readonly TimeSpan Flow = TimeSpan.FromDays(90);

    /// <summary>Sprints per product whose throughput is compared.</summary>
    public const int Sprints = 6;
}
