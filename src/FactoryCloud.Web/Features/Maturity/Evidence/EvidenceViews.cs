using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Maturity.Evidence;

namespace FactoryCloud.Web.Features.Maturity.Evidence;

/// <summary>
/// What the product's data says about one dimension. <see cref="NoDataInProduct"/>: the product holds no data
/// about it (skills, digital twin). <see cref="Suggested"/> is null then, and for a dimension without a rule.
/// <see cref="Disagrees"/>: the self-assessed stage is more than one stage from the suggested one.
/// </summary>
public sealed record DimensionEvidence(
    string Key, string Name, EvidenceSource Source, bool NoDataInProduct, MaturityStage? SelfAssessed, MaturityStage? Suggested, bool Disagrees,
    IReadOnlyList<EvidenceFigure> Figures, IReadOnlyList<string> Rule, IReadOnlyList<string> Reasons);

/// <summary>The evidence of a site (or of every site) at <see cref="At"/>, per dimension of the model it was evaluated with.</summary>
public sealed record EvidenceView(DateTimeOffset At, Guid ModelVersionId, IReadOnlyList<DimensionEvidence> Dimensions)
{
    public DimensionEvidence? Find(string key) => Dimensions.FirstOrDefault(d => d.Key == key);
}
