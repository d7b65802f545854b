using System.Globalization;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Programs;
using FactoryCloud.Domain.Value;
using FactoryCloud.Web.Features.Maturity;
using FactoryCloud.Web.Features.Value;

namespace FactoryCloud.Web.Features.Programs;

/// <summary>
/// The program view, the business owner's first page: per site the maturity stage now and its target, the epics
/// closing its gaps with their progress, the value delivered in money, the next re-assessment, and one timeline
/// (assessments, epics started and done, the sprints of the products doing that work, measured KPI changes, the
/// re-assessment due). Everything through the tenant-scoped context.
/// </summary>
public sealed class ProgramService(IDbContextFactory<AppDbContext> contexts, GapBacklogService gaps, ValueInMoneyService value, TimeProvider clock)
{
    public async Task<ProgramView> GetAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var money = await value.ProgramAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sites = await db.Sites.OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var assessments = (await db.MaturityAssessments.AsNoTracking().Where(a => a.SiteId != null).ToListAsync(ct)).ToLookup(a => a.SiteId!.Value);
        var products = await db.Products.Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);

        var result = new List<ProgramSite>(sites.Count);
        foreach (var site in sites)
        {
            var siteAssessments = assessments[site.Id].OrderBy(a => a.TakenAt).ToList();
            var current = siteAssessments.OrderBy(a => a.Status == AssessmentStatus.Approved ? 0 : 1).ThenByDescending(a => a.TakenAt).FirstOrDefault();
            var events = new List<TimelineEvent>();
            var scores = new Dictionary<Guid, AssessmentScore>();
            foreach (var a in siteAssessments)
            {
                var s = scores[a.Id] = await MaturityResultsService.ScoreAsync(db, a, ct);
                events.Add(new TimelineEvent(DateOnly.FromDateTime(a.TakenAt.UtcDateTime), TimelineKind.Assessment, a.Title,
                    $"{a.Status}: overall {Score(s.Overall)}{(s.OverallStage is { } st ? $" ({st.NumberedLabel()})" : "")}, target {Score(s.Target)}", false));
            }
            var score = current is null ? null : scores[current.Id];

            // The epics closing the gaps of every assessment of the site (older ones included: work started then still counts).
            var epics = await EpicsAsync(db, siteAssessments, scores, products, ct);
            foreach (var e in epics)
            {
                if (e.StartedOn is { } started) events.Add(new TimelineEvent(started, TimelineKind.EpicStarted, e.Title, $"{e.DimensionName} · {e.ProductName}", false));
                if (e.DoneOn is { } done) events.Add(new TimelineEvent(done, TimelineKind.EpicDone, e.Title, $"{e.DimensionName} · {e.ProductName}", false));
            }
            var productIds = epics.Select(e => e.ProductId).Distinct().ToList();
            var sprints = await db.Sprints.AsNoTracking().Where(s => productIds.Contains(s.ProductId)).ToListAsync(ct);
            events.AddRange(sprints.Select(s => new TimelineEvent(s.StartDate, TimelineKind.Sprint, s.Name,
                $"{products.GetValueOrDefault(s.ProductId, "")} · {s.StartDate:yyyy-MM-dd} – {s.EndDate:yyyy-MM-dd} · {s.State}", s.State != SprintState.Closed)));

            var measured = money.Items.Where(i => i.SiteId == site.Id).ToList();
            foreach (var i in measured)
                events.Add(new TimelineEvent(DateOnly.FromDateTime(i.MeasuredOn.UtcDateTime), TimelineKind.KpiChange,
                    $"{DisplayFormat.Label(i.Kpi)}: {Kpi(i.Kpi, i.Baseline)} → {Kpi(i.Kpi, i.Measured)}",
                    $"{i.Title}{(i.PerMonth is { } m ? $" · {ValuePage.Money(m, i.Currency!)} per month" : "")}", false));

            DateOnly? next = current is null ? null
                : Reassessment.NextDue(current.NextReassessmentOn, current.TakenAt, score!.Dimensions.Where(d => d.Gap > 0 && d.TargetDate is not null).Select(d => d.TargetDate!.Value));
            if (next is { } due) events.Add(new TimelineEvent(due, TimelineKind.Reassessment, "Re-assessment due", due < today ? "overdue" : "", true));

            var valued = measured.Where(i => i.PerMonth is not null)
                .Select(i => new ItemValue(i.WorkItemId, i.ProductId, i.SiteId, i.PerMonth!.Value, i.Currency!, i.StoryPoints, i.Confidence.Level));
            var totals = epics.Aggregate(HierarchyRollup.Totals.Zero, (t, e) => t.Add(new(e.Points, e.DonePoints, e.Items, e.DoneItems)));
            result.Add(new ProgramSite(site.Id, site.Name, current?.Id, current?.Title, current?.TakenAt, score?.Overall, score?.OverallStage,
                score?.Target, score?.Target is { } t ? MaturityStages.Reached(t) : null, score?.Dimensions.Count(d => d.Gap > 0) ?? 0,
                epics, totals.Progress, ValueRollup.By(valued, _ => site.Name), next, current?.NextReassessmentOn is not null, next < today, ProgramTimeline.Build(events)));
        }
        ProgramOrganisationAssessment? organisation = null;
        var orgWide = await db.MaturityAssessments.AsNoTracking().Where(a => a.SiteId == null).ToListAsync(ct);
        if (orgWide.OrderBy(a => a.Status == AssessmentStatus.Approved ? 0 : 1).ThenByDescending(a => a.TakenAt).FirstOrDefault() is { } whole)
        {
            var wholeScore = await MaturityResultsService.ScoreAsync(db, whole, ct);
            organisation = new ProgramOrganisationAssessment(whole.Id, whole.Title, whole.TakenAt, wholeScore.Overall, wholeScore.OverallStage, wholeScore.Target,
                wholeScore.Target is { } wholeTarget ? MaturityStages.Reached(wholeTarget) : null, wholeScore.Dimensions.Count(d => d.Gap > 0), GapValueService.OrganisationNotValued);
        }
        var all = money.Items.Where(i => i.PerMonth is not null)
            .Select(i => new ItemValue(i.WorkItemId, i.ProductId, i.SiteId, i.PerMonth!.Value, i.Currency!, i.StoryPoints, i.Confidence.Level));
        return new ProgramView(now, result, ValueRollup.By(all, _ => ValueInMoneyService.OrganisationKey), organisation);
    }

    private async Task<List<ProgramEpic>> EpicsAsync(AppDbContext db, IReadOnlyList<MaturityAssessment> assessments, IReadOnlyDictionary<Guid, AssessmentScore> scores,
        IReadOnlyDictionary<Guid, string> products, CancellationToken ct)
    {
        var linked = new List<(DimensionWork Work, string DimensionName)>();
        foreach (var a in assessments)
            foreach (var w in (await gaps.WorkAsync(a.Id, ct)).Where(w => w.Type == WorkItemType.Epic))
                if (linked.All(l => l.Work.WorkItemId != w.WorkItemId))
                    linked.Add((w, scores[a.Id].Find(w.DimensionKey)?.Name ?? w.DimensionKey));
        if (linked.Count == 0) return [];

        var ids = linked.Select(l => l.Work.WorkItemId).ToList();
        var tree = await EpicTree.LoadAsync(db, ids, ct);
        var totals = HierarchyRollup.Compute(tree);
        var productOf = await db.WorkItems.Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.ProductId, ct);
        var categories = await db.WorkflowColumns.Select(c => new { c.Id, c.Category }).ToDictionaryAsync(c => c.Id.ToString("D"), c => c.Category, ct);
        var moves = (await db.WorkItemHistory.AsNoTracking().Where(h => ids.Contains(h.WorkItemId) && h.Field == WorkItemFields.Column).ToListAsync(ct))
            .OrderBy(h => h.At).ToLookup(h => h.WorkItemId);
        return linked.Select(l =>
        {
            var w = l.Work;
            var t = totals.GetValueOrDefault(w.WorkItemId, HierarchyRollup.Totals.Zero);
            var history = moves[w.WorkItemId].Select(h => (h.At, Category: categories.GetValueOrDefault(h.NewValue ?? "", ColumnCategory.Proposed))).ToList();
            var started = history.FirstOrDefault(h => h.Category is ColumnCategory.InProgress or ColumnCategory.Done);
            var done = w.Category == ColumnCategory.Done ? history.LastOrDefault(h => h.Category == ColumnCategory.Done) : default;
            var product = productOf.GetValueOrDefault(w.WorkItemId);
            return new ProgramEpic(w.WorkItemId, w.Title, product, products.GetValueOrDefault(product, ""), w.DimensionKey, l.DimensionName, w.Column, w.Category,
                t.Points, t.DonePoints, t.Items, t.DoneItems, t.Progress,
                started.At == default ? null : DateOnly.FromDateTime(started.At.UtcDateTime), done.At == default ? null : DateOnly.FromDateTime(done.At.UtcDateTime));
        }).OrderBy(e => e.DimensionName, StringComparer.Ordinal).ThenBy(e => e.Title, StringComparer.Ordinal).ToList();
    }

    private static string Score(double? score) => score?.ToString("0.0", CultureInfo.InvariantCulture) ?? "–";

    /// <summary>Fractions as percentages; kWh per unit and MTTR seconds as numbers.</summary>
    private static string Kpi(HypothesisKpi kpi, double value) => kpi switch
    {
        HypothesisKpi.Oee or HypothesisKpi.Availability or HypothesisKpi.ScrapRate => DisplayFormat.Percent(value),
        HypothesisKpi.Mttr => DisplayFormat.Duration(TimeSpan.FromSeconds(value)),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture) + " kWh",
    };
}
