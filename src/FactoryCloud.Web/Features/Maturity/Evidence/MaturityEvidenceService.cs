using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Maturity.Evidence;

namespace FactoryCloud.Web.Features.Maturity.Evidence;

/// <summary>
/// Evidence from the product's own data beside each dimension: the facts (<see cref="EvidenceFactGatherer"/>) run
/// through the model's evidence rules with the thresholds that model version stores. For an assessment, the model it
/// was taken with and its self-assessed stages (flagged when more than one stage from the data); for a site without
/// an assessment, the tenant's latest model version (the default model before the first copy).
/// </summary>
public sealed class MaturityEvidenceService(IDbContextFactory<AppDbContext> contexts, EvidenceFactGatherer gatherer)
{
    /// <summary>The site's evidence, or null when the site does not exist (in this tenant).</summary>
    public async Task<EvidenceView?> ForSiteAsync(Guid siteId, CancellationToken ct = default) => await ForScopeAsync(siteId, ct);

    /// <summary>The evidence of every site together, for an assessment of the whole organisation.</summary>
    public async Task<EvidenceView> ForOrganisationAsync(CancellationToken ct = default) => (await ForScopeAsync(null, ct))!;

    /// <summary>The evidence beside an assessment's answers, or null when the assessment does not exist (in this tenant).</summary>
    public async Task<EvidenceView?> ForAssessmentAsync(Guid assessmentId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.MaturityAssessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == assessmentId, ct) is not { } assessment) return null;
        var model = await db.MaturityModelVersions.AsNoTracking().FirstAsync(v => v.Id == assessment.ModelVersionId, ct);
        var stages = await db.MaturityAnswers.Where(a => a.AssessmentId == assessmentId).ToDictionaryAsync(a => a.DimensionKey, a => a.Stage, ct);
        if (await gatherer.GatherAsync(assessment.SiteId, ct) is not { } gathered) return null;
        return Evaluate(model.Id, model.BasedOnProductVersion, model.Definition, gathered.At, gathered.Facts, stages);
    }

    private async Task<EvidenceView?> ForScopeAsync(Guid? siteId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var model = await db.MaturityModelVersions.AsNoTracking().OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        if (await gatherer.GatherAsync(siteId, ct) is not { } gathered) return null;
        return model is null
            ? Evaluate(Guid.Empty, DefaultMaturityModel.ProductVersion, DefaultMaturityModel.Create(), gathered.At, gathered.Facts, new Dictionary<string, MaturityStage?>())
            : Evaluate(model.Id, model.BasedOnProductVersion, model.Definition, gathered.At, gathered.Facts, new Dictionary<string, MaturityStage?>());
    }

    /// <summary>Every dimension of the model against the facts. Pure; public for the component tests.</summary>
    public static EvidenceView Evaluate(
        Guid modelVersionId, int basedOnProductVersion, MaturityModelDefinition model, DateTimeOffset at, EvidenceFacts facts,
        IReadOnlyDictionary<string, MaturityStage?> selfAssessed)
    {
        var dimensions = model.Dimensions.Select(d =>
        {
            // Copies of product model 1 named only Connectivity and Data: their other dimensions get the rule by key.
            var source = d.Evidence == EvidenceSource.None && basedOnProductVersion < 2 ? DefaultMaturityModel.EvidenceFor(d.Key) : d.Evidence;
            var self = selfAssessed.GetValueOrDefault(d.Key);
            var result = EvidenceRules.For(source)?.Evaluate(facts, d.EvidenceThresholds);
            return new DimensionEvidence(d.Key, d.Name, source, source == EvidenceSource.NotInProduct, self, result?.Stage,
                result is not null && result.DisagreesWith(self), result?.Figures ?? [], result?.Rule ?? [], result?.Reasons ?? []);
        }).ToList();
        return new EvidenceView(at, modelVersionId, dimensions);
    }
}
