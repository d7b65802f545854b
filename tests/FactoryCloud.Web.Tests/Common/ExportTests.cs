using ClosedXML.Excel;
using FactoryCloud.Web.Common.Export;

namespace FactoryCloud.Web.Tests.Common;

public sealed class ExportTests
{
    private static readonly ExportTable[] Tables =
    [
        new("KPIs", ["KPI", "Value"], [["OEE index", 0.7479], ["Said \"hi\", twice", 12L], ["Empty", null]]),
        new("Downtime Pareto", ["Reason", "Seconds"], [["jam", 600.5]]),
    ];

    [Fact]
    public void CsvWritesEachTableUnderItsNameAndQuotesWhatNeedsIt()
    {
        var csv = CsvExport.Write(Tables);

        Assert.Equal(
            "KPIs\r\nKPI,Value\r\nOEE index,0.7479\r\n\"Said \"\"hi\"\", twice\",12\r\nEmpty,\r\n\r\nDowntime Pareto\r\nReason,Seconds\r\njam,600.5\r\n",
            csv);
    }

    [Fact]
    public void XlsxIsAWorkbookWithOneSheetPerTableNumbersAsNumbers()
    {
        // Read back by ClosedXML, a reader independent of the Open XML SDK writer's own model.
        using var workbook = new XLWorkbook(new MemoryStream(XlsxExport.Write(Tables)));

        Assert.Equal(["KPIs", "Downtime Pareto"], workbook.Worksheets.Select(w => w.Name));
        var kpis = workbook.Worksheet("KPIs");
        Assert.Equal(("KPI", "Value"), (kpis.Cell("A1").GetString(), kpis.Cell("B1").GetString()));
        Assert.Equal(XLDataType.Number, kpis.Cell("B2").DataType);
        Assert.Equal("0.7479", kpis.Cell("B2").GetString());
        Assert.Equal("Said \"hi\", twice", kpis.Cell("A3").GetString());
        Assert.Equal((XLDataType.Number, "12"), (kpis.Cell("B3").DataType, kpis.Cell("B3").GetString()));
        Assert.True(kpis.Cell("B4").IsEmpty()); // null stays empty
        Assert.Equal("600.5", workbook.Worksheet("Downtime Pareto").Cell("B2").GetString());
    }

    [Fact]
    public void XlsxDropsCharactersXmlCannotCarry()
    {
        using var workbook = new XLWorkbook(new MemoryStream(XlsxExport.Write([new ExportTable("Reasons", ["Reason"], [["jam\u0001 at infeed"]])])));

        Assert.Equal("jam at infeed", workbook.Worksheet("Reasons").Cell("A2").GetString());
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(27, "AB")]
    [InlineData(701, "ZZ")]
    public void ColumnsAreLettered(int index, string expected) => Assert.Equal(expected, XlsxExport.Column(index));
}
