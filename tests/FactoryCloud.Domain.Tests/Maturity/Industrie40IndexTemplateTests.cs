using FactoryCloud.Domain.Maturity;
using Xunit;

namespace FactoryCloud.Domain.Tests.Maturity;

public class Industrie40IndexTemplateTests
{
    [Fact]
    public void FourStructuralAreasAlongTheDevelopmentStagesMakeAValidModel()
    {
        var model = Industrie40IndexTemplate.Create();

        Assert.Empty(model.Validate());
        Assert.Equal(["resources", "information-systems", "culture", "organisational-structure"], model.Dimensions.Select(d => d.Key));
        // Six development stages on the six positions 0..5, each described in the index stage's name.
        Assert.All(model.Dimensions, d =>
        {
            Assert.Equal(5, d.StageDescriptions.Count);
            Assert.Equal(
                ["Computerisation", "Connectivity", "Visibility", "Transparency", "Predictive capacity", "Adaptability"],
                Enum.GetValues<MaturityStage>().Select(s => d.DescriptionOf(s).Split(':')[0]));
            Assert.Equal(6, Enum.GetValues<MaturityStage>().Select(d.DescriptionOf).Distinct().Count());
            Assert.Equal(5, d.ImprovementActions.Count); // to reach connectivity … adaptability
        });
    }

    [Fact]
    public void AModelWithoutAStageZeroDescriptionSaysNothingIsInPlaceAndALongOneIsRefused()
    {
        var dimension = DefaultMaturityModel.Create().Dimensions[0];
        Assert.Equal(MaturityDimension.NothingInPlace, dimension.DescriptionOf(MaturityStage.NotStarted));
        dimension.NotStartedDescription = "  ";
        Assert.Equal(MaturityDimension.NothingInPlace, dimension.DescriptionOf(MaturityStage.NotStarted));

        var model = Industrie40IndexTemplate.Create();
        var copy = model.Copy();
        Assert.Equal(model.Dimensions[0].NotStartedDescription, copy.Dimensions[0].NotStartedDescription);
        copy.Dimensions[0].NotStartedDescription = new string('x', MaturityModelDefinition.MaxTextLength + 1);
        Assert.Contains("Dimensions[0]", copy.Validate().Keys);
    }

    [Fact]
    public void EvidenceRulesMapWhereTheProductsDataSpeaksToTheArea()
    {
        var model = Industrie40IndexTemplate.Create();

        Assert.Equal(
            [EvidenceSource.Connectivity, EvidenceSource.Data, EvidenceSource.Strategy, EvidenceSource.Organisation],
            model.Dimensions.Select(d => d.Evidence));
        Assert.All(model.Dimensions, d => Assert.NotEmpty(d.EvidenceThresholds));
    }

    [Fact]
    public void TemplatesAreFoundByKeyAndTheDefaultByNone()
    {
        Assert.Equal(MaturityTemplates.Default, MaturityTemplates.Find(null)!.Key);
        Assert.Equal(Industrie40IndexTemplate.Key, MaturityTemplates.Find("i40-maturity-index")!.Key);
        Assert.Null(MaturityTemplates.Find("<script>"));
    }
}
