using FactoryCloud.Domain.Common;
using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Domain.MachineHistory;

/// <summary>A message refused after its device was authenticated, kept with the reason for the ingestion health page.</summary>
public sealed class IngestionRefusal : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid DeviceId { get; set; }
    public RefusalReason Reason { get; set; }
    public required string Topic { get; set; }
    public required string Detail { get; set; }

    /// <summary>The first bytes of the payload, for the "latest examples" list.</summary>
    public required string PayloadExcerpt { get; set; }

    public DateTimeOffset At { get; set; }

    public const int TopicMaxLength = 512;
    public const int ExcerptMaxLength = 256;
}
