using FactoryCloud.Domain.Backlogs;
using Xunit;

namespace FactoryCloud.Domain.Tests.Backlogs;

public sealed class CsvTextTests
{
    [Fact]
    public void ParsesQuotedFieldsWithSeparatorsQuotesAndLineBreaks()
    {
        var records = CsvText.Parse("Type,Title,Description\r\nStory,\"Scrap, alarm\",\"Line one\nsaid \"\"hi\"\"\"\n\nBug,Fix,\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(["Story", "Scrap, alarm", "Line one\nsaid \"hi\""], records[1].Fields);
        Assert.Equal(2, records[1].LineNumber);
        Assert.Equal(["Bug", "Fix", ""], records[2].Fields);
        Assert.Equal(5, records[2].LineNumber);
    }

    [Fact]
    public void DetectsSemicolonsFromTheHeader() =>
        Assert.Equal(["Story", "a,b"], CsvText.Parse("Type;Title\nStory;a,b")[1].Fields);

    [Fact]
    public void EscapesForRoundTripsAndDefusesFormulas()
    {
        var line = CsvText.Line(["a,b", "say \"x\"", "=HYPERLINK(1)", null]);
        Assert.Equal("\"a,b\",\"say \"\"x\"\"\",'=HYPERLINK(1),", line);
        Assert.Equal(["a,b", "say \"x\"", "'=HYPERLINK(1)", ""], CsvText.Parse(line)[0].Fields);
    }
}
