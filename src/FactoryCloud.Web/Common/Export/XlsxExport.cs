using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OpenXmlDocumentType = DocumentFormat.OpenXml.SpreadsheetDocumentType;

namespace FactoryCloud.Web.Common.Export;

/// <summary>
/// An Office Open XML workbook, one sheet per table (numbers as numbers, text inline), written with Microsoft's Open
/// XML SDK. Version 2.20 rather than 3.x: ClosedXML 0.95.4, the independent reader the tests use, is built against
/// the 2.x API. ClosedXML itself is not the writer: it pulls in System.Drawing.Common and crashes on Linux as soon as
/// columns are auto-sized (libgdiplus).
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(IReadOnlyList<ExportTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, OpenXmlDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheets = new Sheets();
            workbook.Workbook = new Workbook(sheets);
            AddDefaultStyles(workbook);
            for (var i = 0; i < tables.Count; i++)
            {
                var worksheet = workbook.AddNewPart<WorksheetPart>();
                worksheet.Worksheet = new Worksheet(Rows(tables[i]));
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = (uint)(i + 1), Name = SheetName(tables[i].Name) });
            }
        }
        return stream.ToArray();
    }

    /// <summary>
    /// The one default cell format. Excel opens a workbook without a styles part, but other readers (ClosedXML among
    /// them) then drop number cells.
    /// </summary>
    private static void AddDefaultStyles(WorkbookPart workbook) =>
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
            new Fonts(new Font()) { Count = 1 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(new CellFormat()) { Count = 1 });

    private static SheetData Rows(ExportTable table)
    {
        var data = new SheetData();
        var rows = new List<IReadOnlyList<object?>> { table.Headers.Cast<object?>().ToList() };
        rows.AddRange(table.Rows);
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Count; c++)
            {
                if (Cell(rows[r][c], $"{Column(c)}{r + 1}") is { } cell) row.Append(cell);
            }
            data.Append(row);
        }
        return data;
    }

    private static Cell? Cell(object? value, string reference) => value switch
    {
        null => null,
        double d when double.IsFinite(d) => new Cell { CellReference = reference, CellValue = new CellValue(d.ToString("R", CultureInfo.InvariantCulture)) },
        decimal m => new Cell { CellReference = reference, CellValue = new CellValue(m.ToString(CultureInfo.InvariantCulture)) },
        int or long => new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!) },
        _ => new Cell
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(XmlSafe(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""))),
        },
    };

    /// <summary>A, B, …, Z, AA, …</summary>
    public static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column((index / 26) - 1) + (char)('A' + (index % 26));

    /// <summary>Excel sheet names: at most 31 characters, none of []:*?/\.</summary>
    private static string SheetName(string name) => new string(name.Where(ch => "[]:*?/\\".IndexOf(ch) < 0).ToArray()) is var clean && clean.Length > 31 ? clean[..31] : clean;

    /// <summary>Text from devices may hold control characters that XML 1.0 cannot carry: they are dropped.</summary>
    private static string XmlSafe(string text) =>
        text.All(XmlConvert.IsXmlChar) ? text : new string(text.Where(XmlConvert.IsXmlChar).ToArray());
}
