using FactoryCloud.Domain.Maturity;
using Xunit;
using static FactoryCloud.Domain.Tests.Maturity.MaturityTestData;

namespace FactoryCloud.Domain.Tests.Maturity;

public class MaturityModelDefinitionTests
{
    [Fact]
    public void AnEditedModelIsCheckedFieldByField()
    {
        var model = Model();
        model.Dimensions[0].Weight = 0;
        model.Dimensions[1].Key = "Not A Key";
        model.Dimensions[2].StageDescriptions.RemoveAt(4);
        model.Dimensions.Add(Dimension("strategy", "Strategy again", DimensionGroup.Organisation, 1));

        var errors = model.Validate();

        Assert.Contains("Dimensions[0].Weight", errors.Keys);
        Assert.Contains("Dimensions[1].Key", errors.Keys);
        Assert.Contains("Dimensions[2].StageDescriptions", errors.Keys);
        Assert.Contains(errors["Dimensions"], e => e.Contains("'strategy'"));
    }

    [Fact]
    public void AModelNeedsAtLeastOneDimension() =>
        Assert.Contains("Dimensions", new MaturityModelDefinition().Validate().Keys);

    [Fact]
    public void ACopyIsDeep()
    {
        var model = Model();
        var copy = model.Copy();
        copy.Dimensions[0].ImprovementActions[0].Add("extra");
        copy.Dimensions[0].Questions.Add("extra?");

        Assert.Equal(2, model.Dimensions[0].ImprovementActions[0].Count);
        Assert.Empty(model.Dimensions[0].Questions);
    }

    [Fact]
    public void ValueLeversAreSharesWithinBounds()
    {
        var model = Model();
        model.Dimensions[0].ValueLevers = new KpiLevers(0.25, 0.05, 0);
        model.Dimensions[1].ValueLevers = new KpiLevers(0.01, -0.1, double.NaN);
        model.Dimensions[2].ValueLevers = new KpiLevers(0.2, 1, 1);

        var errors = model.Validate();

        Assert.Contains("Dimensions[0].ValueLevers.AvailabilityPerStage", errors.Keys);
        Assert.Contains("Dimensions[1].ValueLevers.ScrapCutPerStage", errors.Keys);
        Assert.Contains("Dimensions[1].ValueLevers.EnergyCutPerStage", errors.Keys);
        Assert.DoesNotContain(errors.Keys, k => k.StartsWith("Dimensions[2]", StringComparison.Ordinal));
    }

    [Fact]
    public void TheTemplatesStateTheirLeversAndAVersionWithoutThemUsesTheProductsLevers()
    {
        var connectivity = DefaultMaturityModel.Create().Find("connectivity")!;
        Assert.Equal(new KpiLevers(0.01, 0, 0), connectivity.ValueLevers);
        Assert.All(Industrie40IndexTemplate.Create().Dimensions, d => Assert.NotNull(d.ValueLevers));
        Assert.Equal(new KpiLevers(0.005, 0.05, 0), Industrie40IndexTemplate.Create().Find("information-systems")!.ValueLevers);

        connectivity.ValueLevers = null;
        Assert.Equal(new KpiLevers(0.01, 0, 0), connectivity.EffectiveLevers());
        connectivity.ValueLevers = new KpiLevers(0.03, 0.02, 0);
        Assert.Equal(new KpiLevers(0.03, 0.02, 0), connectivity.EffectiveLevers());
        Assert.Equal(new KpiLevers(0.03, 0.02, 0), connectivity.Copy().ValueLevers);
    }
}
