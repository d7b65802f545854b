using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Infrastructure.Devices;

/// <summary>A device's publishing scope, resolved from its machine, line or site, and the key of that asset.</summary>
public sealed record ResolvedScope(DeviceScope Scope, string LeafKey);

public static class DeviceScopes
{
    /// <summary>Resolves within the context's tenant; null when the asset does not exist there.</summary>
    public static async Task<ResolvedScope?> ResolveAsync(AppDbContext db, string tenantSlug, DeviceScopeKind kind, Guid scopeId, CancellationToken ct)
    {
        switch (kind)
        {
            case DeviceScopeKind.Machine:
                var machine = await (from m in db.Machines
                                     join l in db.Lines on m.LineId equals l.Id
                                     join a in db.Areas on l.AreaId equals a.Id
                                     join s in db.Sites on a.SiteId equals s.Id
                                     where m.Id == scopeId
                                     select new { Site = s.Key, Area = a.Key, Line = l.Key, Machine = m.Key }).FirstOrDefaultAsync(ct);
                return machine is null ? null
                    : new(DeviceScope.ForMachine(tenantSlug, new MachinePath(machine.Site, machine.Area, machine.Line, machine.Machine)), machine.Machine);
            case DeviceScopeKind.Line:
                var line = await (from l in db.Lines
                                  join a in db.Areas on l.AreaId equals a.Id
                                  join s in db.Sites on a.SiteId equals s.Id
                                  where l.Id == scopeId
                                  select new { Site = s.Key, Area = a.Key, Line = l.Key }).FirstOrDefaultAsync(ct);
                return line is null ? null : new(DeviceScope.ForLine(tenantSlug, line.Site, line.Area, line.Line), line.Line);
            default:
                var site = await db.Sites.Where(s => s.Id == scopeId).Select(s => s.Key).FirstOrDefaultAsync(ct);
                return site is null ? null : new(DeviceScope.ForSite(tenantSlug, site), site);
        }
    }
}
