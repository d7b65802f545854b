using FactoryCloud.Domain.Plants;
using Xunit;

namespace FactoryCloud.Domain.Tests.Plants;

public sealed class MachineCsvTests
{
    [Fact]
    public void ParsesRowsWithAndWithoutHeaderAndCycleTime()
    {
        var (rows, errors) = MachineCsv.Parse("key,name,idealCycleTimeSeconds\npress-1,Press 1,2.5\nweld-2,Welder 2\n");

        Assert.Empty(errors);
        Assert.Equal([new MachineCsvRow(2, "press-1", "Press 1", 2.5), new MachineCsvRow(3, "weld-2", "Welder 2", 1.0)], rows);
    }

    [Fact]
    public void AcceptsSemicolonsAndQuotes()
    {
        var (rows, errors) = MachineCsv.Parse("\"press-1\";\"Press, big\";3");
        Assert.Empty(errors);
        Assert.Equal("Press, big", Assert.Single(rows).Name);
    }

    [Theory]
    [InlineData("Press-1,Press", "Key")]
    [InlineData("press-1", "Expected")]
    [InlineData("press-1,Press,fast", "Cycle time")]
    [InlineData("press-1,Press,0", "Cycle time")]
    [InlineData("press-1,,2", "name")]
    public void ReportsTheLineAndTheReason(string line, string expected)
    {
        var (rows, errors) = MachineCsv.Parse("press-0,Fine\n" + line);

        var error = Assert.Single(errors);
        Assert.Equal(2, error.LineNumber);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Single(rows);
    }

    [Fact]
    public void ADuplicateKeyIsAnError()
    {
        var (_, errors) = MachineCsv.Parse("a,A\na,B");
        Assert.Equal(2, Assert.Single(errors).LineNumber);
    }
}
