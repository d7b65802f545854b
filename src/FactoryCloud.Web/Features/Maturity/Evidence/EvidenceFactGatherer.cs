using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Maturity.Evidence;
using FactoryCloud.Infrastructure.Mqtt;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Charts;
using FactoryCloud.Web.Features.Kpis;
using FactoryCloud.Web.Features.Plants;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Maturity.Evidence;

/// <summary>
/// Reads the facts every evidence rule needs from the product's own data: telemetry, alerts, devices, the audit
/// trail, backlogs and assessments. Every read goes through a tenant-scoped <see cref="AppDbContext"/> (query
/// filters, and row-level security on PostgreSQL), so another tenant's rows are never counted. One file per kind of
/// data (partial class); the rules themselves are pure, in <c>FactoryCloud.Domain.Maturity.Evidence</c>.
/// </summary>
public sealed partial class EvidenceFactGatherer(
    IDbContextFactory<AppDbContext> contexts, KpiService kpis, BacklogChartsService charts, IOptions<BuiltInBrokerOptions> broker,
    IOptions<ExternalBrokerOptions> externalBroker, IOptions<MqttConnectionOptions> connection, TimeProvider clock)
{
    /// <summary>The facts of one site, or of every site when <paramref name="siteId"/> is null; null when the site does not exist.</summary>
    public async Task<(DateTimeOffset At, EvidenceFacts Facts)?> GatherAsync(Guid? siteId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (siteId is { } id && !await db.Sites.AnyAsync(s => s.Id == id, ct)) return null;
        var scope = await EvidenceScope.LoadAsync(db, siteId, ct);
        var now = clock.GetUtcNow();
        var trend = await SiteKpisAsync(scope, now - EvidenceWindows.Trend, now, ct);
        var before = await SiteKpisAsync(scope, now - 2 * EvidenceWindows.Trend, now - EvidenceWindows.Trend, ct);
        var (connectivity, data) = await TelemetryAsync(db, scope, now, ct);
        var facts = new EvidenceFacts(
            connectivity, data,
            await EnergyAsync(db, scope, now, trend, before, ct),
            await AnalyticsAsync(db, scope, now, ct),
            await SecurityAsync(db, scope, now, ct),
            await OrganisationAsync(db, scope, now, ct),
            await StrategyAsync(db, scope, ct),
            Automation(trend, before));
        return (now, facts);
    }

    /// <summary>The KPI service's figures of each site over a window (sites without planned time are left out).</summary>
    private async Task<IReadOnlyList<KpiResult>> SiteKpisAsync(EvidenceScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var results = new List<KpiResult>();
        foreach (var site in scope.SiteIds)
            if ((await kpis.GetAsync(KpiScope.Site, site, new TimeWindow(from, to), ct)).Value is { } k) results.Add(k);
        return results;
    }
}
