using System.Text;
using System.Threading.Channels;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Devices;
using Microsoft.Extensions.Hosting;

namespace FactoryCloud.Infrastructure.Pipeline;

/// <summary>
/// Keeps refused messages with their reasons for the ingestion health page. Recording never slows or blocks a
/// device: refusals queue in memory (a flood drops the oldest, counted in the log) and are written in batches.
/// </summary>
public sealed class RefusalRecorder(AppDbContextFactory contexts, TimeProvider clock, ILogger<RefusalRecorder> logger) : BackgroundService
{
    private readonly Channel<IngestionRefusal> _pending = Channel.CreateBounded<IngestionRefusal>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Record(DeviceIdentity device, string topic, RefusalReason reason, string detail, ReadOnlySpan<byte> payload)
    {
        var excerpt = Encoding.UTF8.GetString(payload[..Math.Min(payload.Length, IngestionRefusal.ExcerptMaxLength)]);
        _pending.Writer.TryWrite(new IngestionRefusal
        {
            TenantId = device.TenantId, DeviceId = device.DeviceId, Reason = reason,
            Topic = Truncate(topic, IngestionRefusal.TopicMaxLength), Detail = Truncate(detail, 256),
            PayloadExcerpt = Truncate(excerpt, IngestionRefusal.ExcerptMaxLength), At = clock.GetUtcNow(),
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<IngestionRefusal>();
        while (await _pending.Reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < 1000 && _pending.Reader.TryRead(out var refusal)) batch.Add(refusal);
            try
            {
                foreach (var tenant in batch.GroupBy(r => r.TenantId))
                {
                    await using var db = contexts.Create(DataScope.ForTenant(tenant.Key));
                    db.IngestionRefusals.AddRange(tenant);
                    await db.SaveChangesAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not record {Count} refused messages", batch.Count);
            }
            batch.Clear();
        }
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
