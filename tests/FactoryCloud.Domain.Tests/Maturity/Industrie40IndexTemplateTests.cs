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
        Assert.All(model.Dimensions, d =>
        {
            Assert.Equal(5, d.StageDescriptions.Count);
            Assert.StartsWith("Computerisation: ", d.StageDescriptions[0], StringComparison.Ordinal);
            Assert.StartsWith("Predictive capacity and adaptability: ", d.StageDescriptions[4], StringComparison.Ordinal);
        });
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
