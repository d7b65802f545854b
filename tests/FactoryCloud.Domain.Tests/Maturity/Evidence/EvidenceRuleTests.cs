using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Maturity.Evidence;
using Xunit;

namespace FactoryCloud.Domain.Tests.Maturity.Evidence;

public class EvidenceRuleTests
{
    private static readonly EvidenceFacts HalfStreaming = new(Connectivity: new ConnectivityFacts(10, 5, 1000, 0, 1.0));

    [Fact]
    public void AModelsThresholdReplacesTheDefault()
    {
        Assert.Equal(MaturityStage.Developing, ConnectivityEvidence.Rule.Evaluate(HalfStreaming)!.Stage);

        var tuned = new Dictionary<string, double> { [EvidenceRung.ThresholdKey(ConnectivityEvidence.Streaming, MaturityStage.Established)] = 0.5 };
        var result = ConnectivityEvidence.Rule.Evaluate(HalfStreaming, tuned)!;

        Assert.Equal(MaturityStage.Established, result.Stage);
        Assert.Contains("3 Established: machines streaming ≥ 50 %.", result.Rule);
    }

    [Fact]
    public void TheDimensionsStoredThresholdsAreUsed()
    {
        var dimension = DefaultMaturityModel.Create().Find(DefaultMaturityModel.ConnectivityKey)!;
        dimension.EvidenceThresholds["streaming-share.3"] = 0.5;

        Assert.Equal(MaturityStage.Established, EvidenceRules.Evaluate(dimension, HalfStreaming)!.Stage);
    }

    [Fact]
    public void TheRuleIsWrittenOutStageByStage()
    {
        var rule = DataEvidence.Rule.Describe();

        Assert.Equal(
        [
            "0 Not started: no machine is onboarded or no time is planned.",
            "1 Ad hoc: otherwise.",
            "2 Developing: data completeness ≥ 25 %.",
            "3 Established: data completeness ≥ 60 % and lines with OEE ≥ 100 %.",
            "4 Advanced: data completeness ≥ 90 % and machines with state, count and measure data ≥ 50 % and refused messages ≤ 1 %.",
            "Above 4 Advanced: not suggested: MES/ERP integration and data governance are not visible in the product's data: Optimized is for the assessors to judge.",
            "Each stage also needs every stage below it.",
        ], rule);
    }

    [Fact]
    public void FactsThatWereNotGatheredSuggestNothing()
    {
        Assert.All(EvidenceRules.All, r => Assert.Null(r.Evaluate(new EvidenceFacts())));
        Assert.Null(EvidenceRules.For(EvidenceSource.None));
        Assert.Null(EvidenceRules.For(EvidenceSource.NotInProduct));
    }

    [Fact]
    public void EveryRuleHasUniqueThresholdKeysForFiguresItMeasures()
    {
        Assert.Equal(8, EvidenceRules.All.Select(r => r.Source).Distinct().Count());
        Assert.All(EvidenceRules.All, r =>
        {
            Assert.All(r.Rungs.SelectMany(g => g.Requirements), q => Assert.Contains(r.Figures, f => f.Key == q.Figure));
            Assert.Equal(r.Rungs.Select(g => g.Stage), r.Rungs.Select(g => g.Stage).Order());
            Assert.Empty(r.Validate(r.DefaultThresholds));
        });
    }

    [Theory]
    [InlineData("streaming-share.3", 1.5, "A share is between 0 and 1.")]
    [InlineData("streaming-share.3", double.NaN, "A share is between 0 and 1.")]
    [InlineData("streaming-share.1", 0.5, "'streaming-share.1' is not a threshold of the Connectivity rule.")]
    [InlineData("machines-online.2", 1, "'machines-online.2' is not a threshold of the Connectivity rule.")]
    public void BadThresholdsAreNamed(string key, double value, string message) =>
        Assert.Equal(message, ConnectivityEvidence.Rule.Validate(new Dictionary<string, double> { [key] = value })[key]);

    [Fact]
    public void AModelWithABadThresholdIsInvalid()
    {
        var model = DefaultMaturityModel.Create();
        model.Find("cybersecurity")!.EvidenceThresholds["tls-in-use.3"] = 0.5;
        model.Find("skills")!.EvidenceThresholds["anything.2"] = 1;

        var errors = model.Validate();

        Assert.Contains(errors, e => e.Key.EndsWith(".EvidenceThresholds[tls-in-use.3]", StringComparison.Ordinal) && e.Value.Single() == "A yes/no threshold is 0 or 1.");
        Assert.Contains(errors, e => e.Key.EndsWith(".EvidenceThresholds", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, MaturityStage.Developing, false)]
    [InlineData(MaturityStage.Established, MaturityStage.Developing, false)]
    [InlineData(MaturityStage.AdHoc, MaturityStage.Developing, false)]
    [InlineData(MaturityStage.Advanced, MaturityStage.Developing, true)]
    [InlineData(MaturityStage.NotStarted, MaturityStage.Developing, true)]
    [InlineData(MaturityStage.Optimized, MaturityStage.AdHoc, true)]
    public void ASelfAssessmentMoreThanOneStageFromTheDataIsFlagged(MaturityStage? self, MaturityStage suggested, bool flagged) =>
        Assert.Equal(flagged, EvidenceDisagreement.IsFlagged(self, suggested));
}
