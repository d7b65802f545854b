using FactoryCloud.Domain.Telemetry;

using Xunit;

namespace FactoryCloud.Domain.Tests.Telemetry;

public class MachinePathTests
{
    [Fact]
    public void ComparesByKeys()
    {
        Assert.Equal(new MachinePath("s", "a", "l", "m"), new MachinePath("s", "a", "l", "m"));
        Assert.NotEqual(new MachinePath("s", "a", "l", "m"), new MachinePath("s", "a", "l", "m2"));
    }

    [Fact]
    public void PrintsAsSlashSeparatedKeys() => Assert.Equal("s/a/l/m", new MachinePath("s", "a", "l", "m").ToString());

    [Theory]
    [InlineData("S", "a", "l", "m", "site")]
    [InlineData("s", "", "l", "m", "area")]
    [InlineData("s", "a", "l/x", "m", "line")]
    [InlineData("s", "a", "l", null, "machine")]
    public void RejectsInvalidKeys(string site, string area, string line, string? machine, string parameter)
    {
        var exception = Assert.Throws<ArgumentException>(() => new MachinePath(site, area, line, machine!));

        Assert.Equal(parameter, exception.ParamName);
    }
}
