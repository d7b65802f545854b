using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Plants;

/// <summary>A machine (ISA-95 work unit) on a line, with its ideal cycle time for performance.</summary>
public sealed class Machine : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid LineId { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }

    /// <summary>Seconds per unit at ideal speed.</summary>
    public double IdealCycleTimeSeconds { get; set; } = 1.0;

    /// <summary>Per-product ideal cycle times in seconds, where they differ from the machine's.</summary>
    public Dictionary<string, double> ProductCycleTimes { get; set; } = [];

    /// <summary>When the first message arrived; null while waiting for it.</summary>
    public DateTimeOffset? FirstSeenAt { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>
    /// The <c>LossSettings.LossSumsKey()</c> the loss sums in this machine's buckets were classified with; null until
    /// the processor first wrote them. A key other than the tenant's current one means the sums are stale.
    /// </summary>
    public string? LossSumsKey { get; set; }

    public const int LossSumsKeyLength = 32;

    /// <summary>
    /// When the machine's latest run of identical state changes began: its open episode, which the buckets' loss sums
    /// leave out (its length is not known yet). Kept by the processor with the loss sums.
    /// </summary>
    public DateTimeOffset? OpenRunStart { get; set; }
}
