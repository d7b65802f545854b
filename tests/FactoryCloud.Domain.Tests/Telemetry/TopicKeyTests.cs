using FactoryCloud.Domain.Telemetry;

using Xunit;

namespace FactoryCloud.Domain.Tests.Telemetry;

public class TopicKeyTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("acme")]
    [InlineData("plant-1")]
    [InlineData("-")]
    [InlineData("0123456789")]
    public void AcceptsLowerCaseLettersDigitsAndHyphens(string key) => Assert.True(TopicKey.IsValid(key));

    [Fact]
    public void Accepts64CharactersAndRefuses65()
    {
        Assert.True(TopicKey.IsValid(new string('a', 64)));
        Assert.False(TopicKey.IsValid(new string('a', 65)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Acme")]
    [InlineData("plant_1")]
    [InlineData("plant 1")]
    [InlineData("plant/1")]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("café")]
    public void RefusesEverythingElse(string? key) => Assert.False(TopicKey.IsValid(key));
}
