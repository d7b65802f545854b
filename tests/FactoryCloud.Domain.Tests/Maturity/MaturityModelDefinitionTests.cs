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
}
