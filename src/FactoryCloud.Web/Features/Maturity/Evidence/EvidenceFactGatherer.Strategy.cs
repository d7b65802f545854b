using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Maturity.Evidence;

namespace FactoryCloud.Web.Features.Maturity.Evidence;

// Strategy: the latest assessment of the scope that sets targets, its gaps' epics, and the value hypotheses of done work.
public sealed partial class EvidenceFactGatherer
{
    private static async Task<StrategyFacts> StrategyAsync(AppDbContext db, EvidenceScope scope, CancellationToken ct)
    {
        var assessment = await db.MaturityAssessments.Where(a => a.SiteId == scope.SiteId)
            .Where(a => db.MaturityAnswers.Any(x => x.AssessmentId == a.Id && x.TargetStage != null))
            .OrderByDescending(a => a.CreatedAt).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct);
        var answers = assessment is { } id
            ? await db.MaturityAnswers.Where(a => a.AssessmentId == id && a.TargetStage != null).ToListAsync(ct)
            : [];
        var gaps = answers.Where(a => a.Stage is { } s && a.TargetStage > s).Select(a => $"{assessment}/{a.DimensionKey}").ToList();
        var withEpics = gaps.Count == 0 ? 0 : await db.WorkItemLinks
            .Where(l => l.Kind == LinkKinds.MaturityDimension && gaps.Contains(l.TargetId)).Select(l => l.TargetId).Distinct().CountAsync(ct);

        var hypotheses = (await db.KpiHypotheses.Where(h => h.DoneAt != null).Select(h => new { h.ScopeKind, h.ScopeId, h.MeasuredValue }).ToListAsync(ct))
            .Where(h => scope.Covers(h.ScopeKind, h.ScopeId)).ToList();
        return new StrategyFacts(answers.Count, answers.Count(a => a.TargetDate is not null), gaps.Count, withEpics,
            hypotheses.Count, hypotheses.Count(h => h.MeasuredValue is not null));
    }
}
