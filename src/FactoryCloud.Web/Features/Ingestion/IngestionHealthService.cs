using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Pipeline;
using FactoryCloud.Infrastructure.Pipeline.Inbox;

namespace FactoryCloud.Web.Features.Ingestion;

/// <summary>Reads the current tenant's ingestion health from the hour buckets, the refusal log and the machines.</summary>
public sealed class IngestionHealthService(IDbContextFactory<AppDbContext> contexts, CurrentTenant current, IServiceProvider services, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private const int ExamplesPerReason = 3;

    public async Task<IngestionHealth> GetAsync(CancellationToken ct = default)
    {
        var since = clock.GetUtcNow() - Window;
        var hourStart = BucketSize.Hour.StartOf(since);
        await using var db = await contexts.CreateDbContextAsync(ct);

        var accepted = await db.Set<MachineBucket>().Where(b => b.Size == BucketSize.Hour && b.Start >= hourStart).SumAsync(b => (long?)b.MessageCount, ct) ?? 0;
        var counts = await db.IngestionRefusals.Where(r => r.At >= since).GroupBy(r => r.Reason)
            .Select(g => new { Reason = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var groups = new List<IngestionHealth.RefusalGroup>(counts.Count);
        foreach (var count in counts.OrderByDescending(c => c.Count))
        {
            var latest = await db.IngestionRefusals.Where(r => r.At >= since && r.Reason == count.Reason)
                .OrderByDescending(r => r.At).Take(ExamplesPerReason)
                .Select(r => new IngestionHealth.RefusalExample(r.At, r.Topic, r.Detail, r.PayloadExcerpt)).ToListAsync(ct);
            groups.Add(new IngestionHealth.RefusalGroup(count.Reason, count.Reason.Describe(), count.Count, latest));
        }

        var machines = await (from m in db.Machines
                              join l in db.Lines on m.LineId equals l.Id
                              join a in db.Areas on l.AreaId equals a.Id
                              join s in db.Sites on a.SiteId equals s.Id
                              orderby s.Key, a.Key, l.Key, m.Key
                              select new IngestionHealth.MachineLastMessage(m.Id, s.Key + "/" + a.Key + "/" + l.Key + "/" + m.Key, m.LastSeenAt)).ToListAsync(ct);

        return new IngestionHealth(since, accepted, counts.Sum(c => c.Count), groups, Lag(), machines);
    }

    /// <summary>Only the process that holds the inbox, or consumes the queue, knows the lag; a web instance behind a worker does not.</summary>
    private IngestionHealth.ProcessingLag? Lag()
    {
        if (services.GetService<TelemetryInbox>() is { } inbox)
        {
            var backlog = inbox.Backlog(current.RequireTenantId());
            return new IngestionHealth.ProcessingLag(backlog.TenantMessages, backlog.OldestWait);
        }
        return services.GetService<TelemetryProcessor>() is { } processor ? new IngestionHealth.ProcessingLag(null, processor.LastLag) : null;
    }
}
