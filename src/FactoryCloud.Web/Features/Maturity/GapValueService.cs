using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Web.Features.Kpis;

namespace FactoryCloud.Web.Features.Maturity;

/// <summary>One open gap on the value-against-effort matrix.</summary>
public sealed record ValueEffortGapView(
    string DimensionKey, string Name, int Gap, MaturityStage? Current, MaturityStage? Target, decimal? ExpectedPerMonth, string? Currency,
    string ValueExplanation, string Levers, int Epics, double? StoryPoints, int EstimatedItems, int UnestimatedItems, double? Progress,
    ValueEffortQuadrant Quadrant, decimal? ValuePerPoint);

/// <summary>The matrix of an assessment: every open gap, with the medians that split it (per currency; null when none is placed).</summary>
public sealed record ValueEffortView(Guid AssessmentId, Guid? SiteId, string? Currency, double? MedianValue, double? MedianEffort, IReadOnlyList<ValueEffortGapView> Gaps)
{
    public IEnumerable<ValueEffortGapView> Placed => Gaps.Where(g => g.Quadrant is not (ValueEffortQuadrant.NotEstimated or ValueEffortQuadrant.NotValued));
}

/// <summary>
/// The priority matrix's second axis: per open gap of an assessment, the expected value in money per month
/// (<see cref="GapValueEstimate"/>: the site's cost rates, its last 30 days of losses and the KPIs the dimension moves)
/// against the effort (<see cref="GapEffort"/>: story points under the gap's epics), placed by <see cref="ValueEffortMatrix"/>.
/// An assessment of the whole organisation is not valued (<see cref="OrganisationNotValued"/> says why).
/// </summary>
public sealed class GapValueService(IDbContextFactory<AppDbContext> contexts, GapBacklogService gaps, KpiService kpis, TimeProvider clock)
{
    public static readonly TimeSpan LossWindow = TimeSpan.FromDays(30);

    /// <summary>
    /// Why an organisation-wide assessment's gaps are not valued: money needs one site's cost rates (currency
    /// included) and losses; adding several sites' would mix currencies and count the sites' own gaps twice.
    /// </summary>
    public const string OrganisationNotValued =
        "An assessment of the whole organisation is not valued in money: expected value needs one site's cost rates and losses, and adding up several sites would mix currencies and count the gaps of the sites' own assessments twice. Value the sites' own assessments.";

    public async Task<ValueEffortView?> ForAssessmentAsync(Guid assessmentId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.MaturityAssessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == assessmentId, ct) is not { } assessment) return null;
        var model = await db.MaturityModelVersions.AsNoTracking().Where(v => v.Id == assessment.ModelVersionId).Select(v => new { v.Definition, v.BasedOnProductVersion }).SingleAsync(ct);
        var answers = await db.MaturityAnswers.AsNoTracking().Where(a => a.AssessmentId == assessmentId).ToListAsync(ct);
        var score = MaturityScoring.Score(model.Definition, answers.Select(a => a.ToScoringInput()));

        var rates = assessment.SiteId is { } site ? await db.SiteCostRates.AsNoTracking().FirstOrDefaultAsync(r => r.SiteId == site, ct) : null;
        var losses = assessment.SiteId is { } siteId ? await LossesAsync(siteId, ct) : null;
        var epics = (await gaps.WorkAsync(assessmentId, ct)).Where(w => w.Type == WorkItemType.Epic).ToLookup(w => w.DimensionKey, w => w.WorkItemId);
        var tree = await EpicTree.LoadAsync(db, epics.SelectMany(e => e).ToList(), ct);

        var inputs = new List<ValueEffortInput>();
        var levers = new Dictionary<string, KpiLevers>();
        foreach (var d in score.Dimensions.Where(d => d.Gap > 0))
        {
            var dimension = model.Definition.Find(d.Key)!;
            var lever = levers[d.Key] = dimension.EffectiveLevers(MaturityModelVersion.EvidenceOf(dimension, model.BasedOnProductVersion));
            var value = assessment.SiteId is null
                ? new GapValue(null, null, OrganisationNotValued)
                : GapValueEstimate.Estimate(d.Gap!.Value, lever, losses, rates);
            inputs.Add(new ValueEffortInput(d.Key, d.Name, d.Gap!.Value, value, GapEffort.Of(epics[d.Key].ToList(), tree)));
        }
        var placed = ValueEffortMatrix.Place(inputs);
        var views = placed.Select(p =>
        {
            var d = score.Find(p.Gap.DimensionKey)!;
            var e = p.Gap.Effort;
            return new ValueEffortGapView(d.Key, d.Name, p.Gap.Gap, d.Current, d.Target, p.Gap.Value.PerMonth, p.Gap.Value.Currency, p.Gap.Value.Explanation,
                levers[d.Key].Describe(), e.Epics, e.Points, e.EstimatedItems, e.UnestimatedItems, e.Progress, p.Quadrant, p.ValuePerPoint);
        }).ToList();
        var both = placed.Where(p => p.Gap.Value.IsValued && p.Gap.Effort.IsEstimated).ToList();
        return new ValueEffortView(assessmentId, assessment.SiteId, rates?.Currency,
            both.Count > 0 ? ValueEffortMatrix.Median(both.Select(p => (double)p.Gap.Value.PerMonth!.Value)) : null,
            both.Count > 0 ? ValueEffortMatrix.Median(both.Select(p => p.Gap.Effort.Points!.Value)) : null, views);
    }

    /// <summary>The site's losses over the last 30 days: planned hours not running, scrapped units, kWh.</summary>
    private async Task<SiteMonthLosses?> LossesAsync(Guid siteId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if ((await kpis.GetAsync(KpiScope.Site, siteId, new TimeWindow(now - LossWindow, now), ct)).Value is not { } k) return null;
        var month = LossWindow.TotalDays / Math.Max(1e-9, (k.To - k.From).TotalDays);
        return new SiteMonthLosses(k.PlannedProductionSeconds / 3600 * month, Math.Max(0, k.PlannedProductionSeconds - k.RunSeconds) / 3600 * month,
            k.ScrapCount * month, k.EnergyKwh * month);
    }
}
