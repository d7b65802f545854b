using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.GettingStarted;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Infrastructure.Telemetry.Queries;
using FactoryCloud.Web.Features.Alerts;
using FactoryCloud.Web.Features.Kpis;

namespace FactoryCloud.Web.Features.Shell;

/// <summary>
/// The home page's data for the current tenant (every query is tenant-filtered by the context): the getting-started
/// checklist read from real state, and once it is done, what needs attention now.
/// </summary>
public sealed class HomeService(IDbContextFactory<AppDbContext> contexts, AlertService alerts, TimeProvider clock)
{
    /// <summary>How many open alerts the home page lists (the bell and the alerts page show all).</summary>
    public const int AlertsShown = 5;

    public async Task<GettingStartedChecklist> GetChecklistAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var facts = new GettingStartedFacts(
            PlantOnboarded: await db.Machines.AnyAsync(ct) && await db.Devices.AnyAsync(d => d.RevokedAt == null, ct),
            // Raw events go with retention; a machine that ever received a message keeps when it first did.
            FirstMessageReceived: await db.TelemetryEvents.AnyAsync(ct) || await db.Machines.AnyAsync(m => m.FirstSeenAt != null, ct),
            ColleagueInvited: await db.Invitations.AnyAsync(ct) || await db.Memberships.CountAsync(ct) > 1,
            TeamCreated: await db.Teams.AnyAsync(ct),
            ProductCreated: await db.Products.AnyAsync(ct),
            AssessmentRun: await db.MaturityAssessments.AnyAsync(a => a.Status != AssessmentStatus.Draft, ct));
        return GettingStartedChecklist.From(facts);
    }

    public async Task<HomeNow> GetNowAsync(CancellationToken ct = default)
    {
        var open = await alerts.ListAsync(AlertStatus.Open, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return new HomeNow(open.Count, [.. open.Take(AlertsShown)], await PlantsTodayAsync(db, ct), await RunningSprintsAsync(db, ct),
            await NextAssessmentAsync(db, ct));
    }

    private async Task<IReadOnlyList<PlantToday>> PlantsTodayAsync(AppDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var machines = await (
            from m in db.Machines
            join l in db.Lines on m.LineId equals l.Id
            join a in db.Areas on l.AreaId equals a.Id
            select new { m.Id, a.SiteId }).ToListAsync(ct);
        var plants = new List<PlantToday>();
        foreach (var site in sites)
        {
            var ids = machines.Where(m => m.SiteId == site.Id).Select(m => m.Id).ToList();
            double? oee = null;
            if (ids.Count > 0)
            {
                var calendar = new WeeklyShiftCalendar(site.Shifts, WeeklyShiftCalendar.ZoneOf(site.TimeZone));
                var today = TimeRanges.Resolve(TimeRangeKind.Today, now, calendar);
                var data = await KpiData.LoadAsync(db, ids, today, now, perBucket: false, ct);
                oee = KpiResult.Of(data.Totals(ids), ids.Count, today).Oee;
            }
            plants.Add(new PlantToday(site.Id, site.Name, ids.Count, oee));
        }
        return plants;
    }

    private static async Task<IReadOnlyList<RunningSprint>> RunningSprintsAsync(AppDbContext db, CancellationToken ct) =>
        await (from s in db.Sprints
               join p in db.Products on s.ProductId equals p.Id
               where s.State == SprintState.Active
               orderby s.EndDate, p.Name
               select new RunningSprint(p.Id, p.Name, s.Name, s.EndDate)).ToListAsync(ct);

    private static async Task<NextAssessment?> NextAssessmentAsync(AppDbContext db, CancellationToken ct)
    {
        var inProgress = await db.MaturityAssessments.AsNoTracking()
            .Where(a => a.Status != AssessmentStatus.Approved)
            .OrderBy(a => a.CreatedAt)
            .FirstOrDefaultAsync(ct);
        if (inProgress is not null) return new NextAssessment(inProgress.Title, inProgress.Id, null);

        var sites = await db.Sites.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var approved = await db.MaturityAssessments.AsNoTracking()
            .Where(a => a.SiteId != null)
            .Select(a => new { a.SiteId, a.ApprovedAt, a.SubmittedAt, a.CreatedAt })
            .ToListAsync(ct);
        var lastTaken = approved.GroupBy(a => a.SiteId!.Value)
            .ToDictionary(g => g.Key, g => g.Max(a => a.ApprovedAt ?? a.SubmittedAt ?? a.CreatedAt));
        var due = sites
            .Select(s => (s.Name, Last: lastTaken.TryGetValue(s.Id, out var at) ? at : (DateTimeOffset?)null))
            .OrderBy(s => s.Last ?? DateTimeOffset.MinValue).ThenBy(s => s.Name)
            .FirstOrDefault();
        return due.Name is null ? null : new NextAssessment(due.Name, null, due.Last);
    }
}
