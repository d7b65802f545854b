using FactoryCloud.Web.Features.Alerts;
using FactoryCloud.Web.Features.Plants;

namespace FactoryCloud.Web.Features.Demo;

/// <summary>
/// Everything the demo organisation shows beyond its streaming plant: alert rules, a second site, two teams with
/// products and sprint history, assessments with gap epics, and value hypotheses. Acts for the current tenant, which
/// the caller has made the demo organisation. Seeding checks each part by name, so a restart adds nothing twice.
/// The demo user's notification centre gets a few notices (<see cref="DemoNotifications"/>).
/// </summary>
public sealed class DemoContent(
    AssetService assets, AlertRuleService rules, DemoBacklogs backlogs, DemoMaturity maturity,
    Microsoft.EntityFrameworkCore.IDbContextFactory<FactoryCloud.Infrastructure.Persistence.AppDbContext> contexts, TimeProvider clock,
    FactoryCloud.Infrastructure.Persistence.AppDbContextFactory scopedContexts, Microsoft.Extensions.Options.IOptions<DemoOptions> options)
{
    // One seeding or reset at a time in this process: the start-up seeding and an Owner's reset must not interleave.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task SeedAsync(CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            await SeedCoreAsync(ct);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Deletes the seeded content (by its names; the plant and its telemetry stay) and seeds it again.</summary>
    public async Task ResetAsync(CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            if (await DemoUserAsync(ct) is { } demoUser) await DemoNotifications.DeleteAsync(contexts, demoUser, ct);
            await maturity.DeleteAsync(ct);
            await backlogs.DeleteAsync(ct);
            await DemoAlertRules.DeleteAsync(rules, ct);
            await SeedCoreAsync(ct);
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task SeedCoreAsync(CancellationToken ct)
    {
        var tree = await assets.GetTreeAsync(ct);
        var line = tree.Sites.Where(s => s.Site.Key == DemoPlant.SiteKey).SelectMany(s => s.Areas).SelectMany(a => a.Lines)
            .FirstOrDefault(l => l.Machines.Count > 0) ?? throw new InvalidOperationException("The demo plant's line was not found.");
        await DemoAlertRules.SeedAsync(rules, line.Line.Id, line.Machines[0].Id, ct);
        await DemoPastAlerts.SeedAsync(contexts, await rules.ListAsync(ct), [.. line.Machines.Select(m => m.Id)], clock, ct);
        await maturity.EnsureSecondSiteAsync(ct);
        var products = await backlogs.SeedAsync(line.Line.Id, ct);
        await maturity.SeedAsync(products, ct);
        if (await DemoUserAsync(ct) is { } demoUser) await DemoNotifications.SeedAsync(contexts, demoUser, products, clock, ct);
    }

    private async Task<Guid?> DemoUserAsync(CancellationToken ct) =>
        (await DemoOrganisation.FindAsync(scopedContexts, options.Value.Email, ct))?.OwnerId;
}
