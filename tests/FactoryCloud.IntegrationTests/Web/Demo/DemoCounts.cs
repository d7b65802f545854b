using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.IntegrationTests.Web.Demo;

/// <summary>How much of each part of the demo content one organisation holds, read behind the app's back (tenant-scoped).</summary>
public sealed record DemoCounts(
    int Teams, int Products, string SprintsPerProduct, int Sites, int Assessments, int AssessedSites, int AnswersWithTargets,
    int Epics, int GapEpics, int Stories, int StoryPoints, int AlertRules, int Hypotheses, int PastAlerts = 0, string Severities = "", string Notices = "", string MeasuredHypotheses = "", string TeamMakeup = "")
{
    public static async Task<DemoCounts> ReadAsync(AppDbContextFactory contexts, Guid tenantId)
    {
        await using var db = contexts.Create(new DataScope(tenantId, null));
        var products = await db.Products.Select(p => p.Id).ToListAsync();
        var sprints = await db.Sprints.Select(s => new { s.ProductId, s.State }).ToListAsync();
        // e.g. "Active:1 Closed:3|Active:1 Closed:3": the states of each product's sprints.
        var perProduct = string.Join('|', products.Select(p => string.Join(' ', sprints.Where(s => s.ProductId == p)
            .GroupBy(s => s.State).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}"))).Order());
        var items = await db.WorkItems.Select(w => new { w.Id, w.Type, w.Estimate }).ToListAsync();
        var gapEpics = await db.WorkItemLinks.Where(l => l.Kind == LinkKinds.MaturityDimension)
            .Join(db.WorkItems, l => l.WorkItemId, w => w.Id, (l, w) => w.Type).CountAsync(t => t == WorkItemType.Epic);
        var dayAgo = DateTimeOffset.UtcNow.AddDays(-1);
        var answers = await db.MaturityAnswers.Select(a => new { a.TargetStage, a.Stage }).ToListAsync();
        return new DemoCounts(
            await db.Teams.CountAsync(), products.Count, perProduct, await db.Sites.CountAsync(),
            await db.MaturityAssessments.CountAsync(), await db.MaturityAssessments.Select(a => a.SiteId).Distinct().CountAsync(),
            answers.Count(a => a.TargetStage > a.Stage), items.Count(i => i.Type == WorkItemType.Epic), gapEpics,
            items.Count(i => i.Type == WorkItemType.Story), (int)items.Where(i => i.Type == WorkItemType.Story).Sum(i => i.Estimate ?? 0),
            await db.AlertRules.CountAsync(), await db.KpiHypotheses.CountAsync(),
            await db.Alerts.CountAsync(a => a.ClearedAt != null && a.RaisedAt < dayAgo),
            string.Join(' ', (await db.AlertRules.Select(r => r.Severity).ToListAsync()).Order()),
            await NoticesAsync(db), await MeasuredAsync(db), await TeamMakeupAsync(db));
    }

    /// <summary>e.g. "4 members in 4 disciplines|4 members in 4 disciplines": each team's members (all of them members of the organisation).</summary>
    private static async Task<string> TeamMakeupAsync(AppDbContext db)
    {
        var members = await db.Memberships.Select(m => m.UserId).ToListAsync();
        var teams = await db.Teams.ToListAsync();
        return string.Join('|', teams.Select(t =>
            $"{t.Members.Count(m => members.Contains(m.UserId))} members in {t.Members.Select(m => m.Discipline).Distinct().Count()} disciplines").Order());
    }

    /// <summary>e.g. "2 delivered, 1 missed": the hypotheses with a baseline and a measured value, by their outcome.</summary>
    private static async Task<string> MeasuredAsync(AppDbContext db)
    {
        var measured = await db.KpiHypotheses.Where(h => h.BaselineValue != null && h.MeasuredValue != null && h.MeasuredTo != null)
            .Select(h => new { h.ExpectedChange, h.BaselineValue, h.MeasuredValue }).ToListAsync();
        var delivered = measured.Count(h => HypothesisOutcome.Evaluate(h.ExpectedChange, h.BaselineValue!.Value, h.MeasuredValue!.Value).Delivered);
        return $"{delivered} delivered, {measured.Count - delivered} missed";
    }

    /// <summary>e.g. "Assigned Mentioned Sprint, 2 unread": the kinds of personal notices in the organisation and how many are unread.</summary>
    private static async Task<string> NoticesAsync(AppDbContext db)
    {
        var notices = await db.PersonalNotifications.Select(n => new { n.Kind, n.ReadAt }).ToListAsync();
        return $"{string.Join(' ', notices.Select(n => n.Kind.ToString()).Order(StringComparer.Ordinal))}, {notices.Count(n => n.ReadAt == null)} unread";
    }
}
