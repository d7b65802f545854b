using FactoryCloud.Domain.Plants;
using Xunit;

namespace FactoryCloud.Domain.Tests.Plants;

public sealed class AssetKeyTests
{
    [Theory]
    [InlineData("Plant Lyon", "plant-lyon")]
    [InlineData("  Werk Düsseldorf (Nord) ", "werk-dusseldorf-nord")]
    [InlineData("Line 1", "line-1")]
    [InlineData("CNC--Mill_03", "cnc-mill-03")]
    [InlineData("", "")]
    [InlineData("—", "")]
    public void SuggestsAKeyFromAName(string name, string expected)
    {
        var key = AssetKey.Suggest(name);

        Assert.Equal(expected, key);
        if (key.Length > 0) Assert.True(AssetKey.IsValid(key));
    }

    [Fact]
    public void ASuggestionIsNeverLongerThanAKeyMayBe()
    {
        var key = AssetKey.Suggest(new string('a', 60) + " " + new string('b', 60));

        Assert.True(key.Length <= AssetKey.MaxLength);
        Assert.True(AssetKey.IsValid(key));
    }
}
