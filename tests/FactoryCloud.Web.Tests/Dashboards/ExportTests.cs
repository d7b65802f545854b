using System.IO.Compression;
using FactoryCloud.Web.Common.Export;
using FactoryCloud.Web.Features.Dashboards.Export;

namespace FactoryCloud.Web.Tests.Dashboards;

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
        using var zip = new ZipArchive(new MemoryStream(XlsxExport.Write(Tables)));

        Assert.Contains(zip.Entries, e => e.FullName == "[Content_Types].xml");
        var workbook = Read(zip, "xl/workbook.xml");
        Assert.Contains("<sheet name=\"KPIs\" sheetId=\"1\"", workbook);
        Assert.Contains("<sheet name=\"Downtime Pareto\" sheetId=\"2\"", workbook);
        var sheet = Read(zip, "xl/worksheets/sheet1.xml");
        Assert.Contains("<c r=\"B2\"><v>0.7479</v></c>", sheet);
        Assert.Contains("<c r=\"A3\" t=\"inlineStr\"><is><t>Said &quot;hi&quot;, twice</t></is></c>", sheet);
        Assert.Contains("<c r=\"B3\"><v>12</v></c>", sheet);
        Assert.DoesNotContain("r=\"B4\"", sheet); // null stays empty
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(27, "AB")]
    [InlineData(701, "ZZ")]
    public void ColumnsAreLettered(int index, string expected) => Assert.Equal(expected, XlsxExport.Column(index));

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
