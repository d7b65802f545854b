using System.Collections.Concurrent;
using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Infrastructure.Pipeline;

/// <summary>
/// Finds the machine a topic names, inside the publishing device's tenant, with a short cache: at thousands of
/// messages a second the database is asked once per machine per minute, not once per message.
/// </summary>
public sealed class MachineDirectory(AppDbContextFactory contexts, TimeProvider clock)
{
    private static readonly TimeSpan KnownLifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan UnknownLifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(Guid Tenant, MachinePath Path), (Guid? MachineId, DateTimeOffset Expires)> _cache = new();

    public async ValueTask<Guid?> FindAsync(Guid tenantId, MachinePath path, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue((tenantId, path), out var cached) && cached.Expires > now) return cached.MachineId;

        await using var db = contexts.Create(DataScope.ForTenant(tenantId));
        var machineId = await (from m in db.Machines
                               join l in db.Lines on m.LineId equals l.Id
                               join a in db.Areas on l.AreaId equals a.Id
                               join s in db.Sites on a.SiteId equals s.Id
                               where s.Key == path.Site && a.Key == path.Area && l.Key == path.Line && m.Key == path.Machine
                               select (Guid?)m.Id).FirstOrDefaultAsync(ct);
        _cache[(tenantId, path)] = (machineId, now + (machineId is null ? UnknownLifetime : KnownLifetime));
        return machineId;
    }
}
