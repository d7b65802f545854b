using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Tests.Fixtures;

namespace FactoryCloud.Web.Tests.Alerts;

/// <summary>A plant with one machine in a tenant, and alerts on it in any state, written straight to the database.</summary>
public sealed class AlertSeed(TestDatabase database, Guid tenantId, Guid siteId, Guid machineId)
{
    public static readonly DateTimeOffset RaisedAt = new(2026, 3, 2, 9, 15, 0, TimeSpan.Zero);

    public static async Task<AlertSeed> CreateAsync(TestDatabase database, Guid tenantId, string timeZone = "UTC")
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(tenantId));
        var site = new Site { Key = "p", Name = "Plant 1", TimeZone = timeZone };
        var area = new Area { SiteId = site.Id, Key = "a", Name = "Assembly" };
        var line = new Line { AreaId = area.Id, Key = "l", Name = "Line 1" };
        var machine = new Machine { LineId = line.Id, Key = "press-1", Name = "Press 1" };
        db.AddRange(site, area, line, machine);
        await db.SaveChangesAsync();
        return new AlertSeed(database, tenantId, site.Id, machine.Id);
    }

    /// <summary>
    /// Adds an alert of its own rule (one active alert per rule and machine) and lets <paramref name="change"/> move
    /// it along its lifecycle before saving.
    /// </summary>
    public async Task<Alert> AddAsync(string detail, Action<Alert>? change = null)
    {
        await using var db = database.Contexts.Create(DataScope.ForTenant(tenantId));
        var rule = new AlertRule
        {
            Name = "Press down", Kind = AlertRuleKind.MachineDown, ScopeKind = AlertScopeKind.Site, ScopeId = siteId, DurationMinutes = 5, CreatedAt = RaisedAt,
        };
        var alert = Alert.Raise(rule, machineId, detail, RaisedAt);
        change?.Invoke(alert);
        db.AddRange(rule, alert);
        await db.SaveChangesAsync();
        return alert;
    }
}
