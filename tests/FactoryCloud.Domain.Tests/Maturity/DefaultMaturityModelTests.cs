using FactoryCloud.Domain.Maturity;
using Xunit;

namespace FactoryCloud.Domain.Tests.Maturity;

public class DefaultMaturityModelTests
{
    [Fact]
    public void TheDefaultModelHasTheTenDimensionsInThreeGroupsAndIsValid()
    {
        var model = DefaultMaturityModel.Create();

        Assert.Empty(model.Validate());
        Assert.Equal(10, model.Dimensions.Count);
        Assert.Equal(3, model.Dimensions.Count(d => d.Group == DimensionGroup.Organisation));
        Assert.Equal(4, model.Dimensions.Count(d => d.Group == DimensionGroup.Technology));
        Assert.Equal(3, model.Dimensions.Count(d => d.Group == DimensionGroup.Process));
        Assert.All(model.Dimensions, d =>
        {
            Assert.Equal(5, d.StageDescriptions.Count);
            Assert.Equal(d.StageDescriptions.Count, d.StageDescriptions.Distinct().Count());
            Assert.All(MaturityStages.Described, s => Assert.NotEmpty(d.ActionsToReach(s)));
            Assert.NotEmpty(d.Questions);
        });
    }

    [Fact]
    public void EveryDimensionNamesItsEvidenceAndCarriesTheRuleDefaults()
    {
        var model = DefaultMaturityModel.Create();

        Assert.Equal(EvidenceSource.Connectivity, model.Find(DefaultMaturityModel.ConnectivityKey)!.Evidence);
        Assert.Equal(EvidenceSource.Data, model.Find(DefaultMaturityModel.DataKey)!.Evidence);
        Assert.Equal(EvidenceSource.Organisation, model.Find("culture")!.Evidence);
        Assert.Equal([EvidenceSource.NotInProduct, EvidenceSource.NotInProduct], [model.Find("skills")!.Evidence, model.Find("digital-twin")!.Evidence]);
        Assert.DoesNotContain(model.Dimensions, d => d.Evidence == EvidenceSource.None);
        Assert.Equal(8, model.Dimensions.Select(d => d.Evidence).Where(s => s != EvidenceSource.NotInProduct).Distinct().Count());
        Assert.All(model.Dimensions, d => Assert.Equal(
            FactoryCloud.Domain.Maturity.Evidence.EvidenceRules.For(d.Evidence)?.DefaultThresholds.OrderBy(t => t.Key).ToList() ?? [],
            d.EvidenceThresholds.OrderBy(t => t.Key).ToList()));
        Assert.Empty(model.Validate());
    }

    [Fact]
    public void EachCallGivesAnIndependentCopyToEdit()
    {
        var edited = DefaultMaturityModel.Create();
        edited.Dimensions[0].Weight = 7;
        edited.Dimensions[0].StageDescriptions[0] = "changed";

        var fresh = DefaultMaturityModel.Create();
        Assert.NotEqual(7, fresh.Dimensions[0].Weight);
        Assert.NotEqual("changed", fresh.Dimensions[0].StageDescriptions[0]);
    }
}
