using FactoryCloud.Web.Common;
using Xunit;

namespace FactoryCloud.Web.Tests.Common;

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

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")]
    [InlineData("+SUM(A1)", "'+SUM(A1)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("-3.5", "-3.5")]
    [InlineData("+4", "+4")]
    [InlineData("-1e3", "-1e3")]
    [InlineData("a=b", "a=b")]
    public void NeutralisesEveryFormulaStartButLeavesPlainNumbers(string value, string expected) =>
        Assert.Equal(expected, CsvText.Escape(value));
}
