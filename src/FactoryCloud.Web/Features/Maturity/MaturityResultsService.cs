using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Web.Features.Kpis;

namespace FactoryCloud.Web.Features.Maturity;

/// <summary>Results of assessments: scores, priorities, roadmap and history; comparison of sites; the portfolio of every site.</summary>
public sealed class MaturityResultsService(IDbContextFactory<AppDbContext> contexts, KpiService kpis, GapBacklogService gaps, TimeProvider clock)
{
    public const int MaxCompared = 6;
    public static readonly TimeSpan OeeWindow = TimeSpan.FromDays(30);

    public async Task<AssessmentResults?> ResultsAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.MaturityAssessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is not { } assessment) return null;
        var score = await ScoreAsync(db, assessment, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        // The trend: every assessment of the same site (or of the organisation) up to this one.
        var earlier = await db.MaturityAssessments.AsNoTracking().Where(a => a.SiteId == assessment.SiteId).ToListAsync(ct);
        var history = new List<HistoryPoint>();
        foreach (var a in earlier.Where(a => a.TakenAt <= assessment.TakenAt || a.Id == assessment.Id).OrderBy(a => a.TakenAt))
        {
            var s = a.Id == assessment.Id ? score : await ScoreAsync(db, a, ct);
            history.Add(new HistoryPoint(a.Id, a.Title, a.TakenAt, a.Status, s.Overall, s.Target));
        }
        var summary = (await MaturityAssessmentService.SummariesAsync(db, [assessment], ct))[0];
        var previous = await MaturityAssessmentService.LatestOfScopeAsync(db, assessment.SiteId, assessment, ct);
        var change = previous is null ? null
            : new ChangeSincePrevious(previous.Id, previous.Title, previous.TakenAt, Reassessment.Compare(await ScoreAsync(db, previous, ct), score));
        return new AssessmentResults(summary, score, GapPrioritisation.Rank(score), MaturityRoadmap.Build(score, today), history, change);
    }

    public async Task<OperationResult<ComparisonView>> CompareAsync(IReadOnlyList<Guid> ids, CancellationToken ct = default)
    {
        var distinct = ids.Distinct().ToList();
        if (distinct.Count is < 2 or > MaxCompared) return Failure.Invalid("ids", $"Compare 2 to {MaxCompared} assessments.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var assessments = await db.MaturityAssessments.AsNoTracking().Where(a => distinct.Contains(a.Id)).ToListAsync(ct);
        if (assessments.Count != distinct.Count) return Failure.NotFound("An assessment");
        var ordered = distinct.Select(id => assessments.Single(a => a.Id == id)).ToList();
        var summaries = await MaturityAssessmentService.SummariesAsync(db, ordered, ct);
        var compared = new List<ComparedAssessment>();
        for (var i = 0; i < ordered.Count; i++) compared.Add(new(summaries[i].ScopeName, await ScoreAsync(db, ordered[i], ct)));
        return new ComparisonView(summaries, MaturityComparison.Compare(compared));
    }

    /// <summary>
    /// Every site with its latest approved assessment (or its latest one when none is approved yet), its OEE over the
    /// last 30 days from the KPI service, and its open improvement work.
    /// </summary>
    public async Task<IReadOnlyList<PortfolioRow>> PortfolioAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sites = await db.Sites.OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var assessments = (await db.MaturityAssessments.AsNoTracking().Where(a => a.SiteId != null).ToListAsync(ct)).ToLookup(a => a.SiteId!.Value);
        var now = clock.GetUtcNow();
        var rows = new List<PortfolioRow>(sites.Count);
        foreach (var site in sites)
        {
            var latest = assessments[site.Id].OrderBy(a => a.Status == AssessmentStatus.Approved ? 0 : 1).ThenByDescending(a => a.TakenAt).FirstOrDefault();
            var score = latest is null ? null : await ScoreAsync(db, latest, ct);
            var oee = (await kpis.GetAsync(KpiScope.Site, site.Id, new TimeWindow(now - OeeWindow, now), ct)).Value?.Oee;
            rows.Add(new PortfolioRow(site.Id, site.Name, latest?.Id, latest?.Status, latest?.TakenAt, score?.Overall, score?.OverallStage,
                score?.Target, score?.Dimensions.Count(d => d.Gap > 0) ?? 0, oee, await OpenImprovementWorkCountAsync(site.Id, latest?.Id, ct)));
        }
        return rows;
    }

    /// <summary>Open backlog items (neither done nor cancelled) linked to the dimensions of the site's assessment.</summary>
    public async Task<int> OpenImprovementWorkCountAsync(Guid siteId, Guid? assessmentId, CancellationToken ct = default)
    {
        if (assessmentId is null) return 0;
        var work = await gaps.WorkAsync(assessmentId.Value, ct);
        return work.Count(w => w.Category is not (ColumnCategory.Done or ColumnCategory.Removed));
    }

    /// <summary>The assessment's results as CSV: one row per dimension.</summary>
    public async Task<string?> CsvAsync(Guid id, CancellationToken ct = default) =>
        await ResultsAsync(id, ct) is { } results ? MaturityCsv.Write(results) : null;

    internal static async Task<AssessmentScore> ScoreAsync(AppDbContext db, MaturityAssessment assessment, CancellationToken ct)
    {
        var model = await db.MaturityModelVersions.AsNoTracking().Where(v => v.Id == assessment.ModelVersionId).Select(v => v.Definition).SingleAsync(ct);
        var answers = await db.MaturityAnswers.AsNoTracking().Where(a => a.AssessmentId == assessment.Id).ToListAsync(ct);
        return MaturityScoring.Score(model, answers.Select(a => a.ToScoringInput()));
    }
}
