using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace FactoryCloud.Web.Common.Export;

/// <summary>
/// A minimal Office Open XML workbook, one sheet per table (numbers as numbers, text inline), written with
/// System.IO.Compression. ClosedXML 0.95.4 (the version the mirror has) does run on .NET 10, but pulls in
/// System.Drawing.Common and crashes on Linux as soon as columns are auto-sized (libgdiplus); five XML parts
/// are all an export needs.
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(IReadOnlyList<ExportTable> tables)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml",
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + string.Concat(tables.Select((_, i) => $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"))
                + "</Types>");
            Part(zip, "_rels/.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>");
            Part(zip, "xl/workbook.xml",
                "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                + string.Concat(tables.Select((t, i) => $"<sheet name=\"{Escape(SheetName(t.Name))}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>"))
                + "</sheets></workbook>");
            Part(zip, "xl/_rels/workbook.xml.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + string.Concat(tables.Select((_, i) => $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>"))
                + "</Relationships>");
            for (var i = 0; i < tables.Count; i++) Part(zip, $"xl/worksheets/sheet{i + 1}.xml", Sheet(tables[i]));
        }
        return stream.ToArray();
    }

    private static string Sheet(ExportTable table)
    {
        var xml = new StringBuilder("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        var rows = new List<IReadOnlyList<object?>> { table.Headers.Cast<object?>().ToList() };
        rows.AddRange(table.Rows);
        for (var r = 0; r < rows.Count; r++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<row r=\"{r + 1}\">");
            for (var c = 0; c < rows[r].Count; c++) xml.Append(Cell(rows[r][c], $"{Column(c)}{r + 1}"));
            xml.Append("</row>");
        }
        return xml.Append("</sheetData></worksheet>").ToString();
    }

    private static string Cell(object? value, string reference) => value switch
    {
        null => "",
        double d when double.IsFinite(d) => $"<c r=\"{reference}\"><v>{d.ToString("R", CultureInfo.InvariantCulture)}</v></c>",
        int or long => $"<c r=\"{reference}\"><v>{Convert.ToString(value, CultureInfo.InvariantCulture)}</v></c>",
        _ => $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")}</t></is></c>",
    };

    /// <summary>A, B, …, Z, AA, …</summary>
    public static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column((index / 26) - 1) + (char)('A' + (index % 26));

    /// <summary>Excel sheet names: at most 31 characters, none of []:*?/\.</summary>
    private static string SheetName(string name) => new string(name.Where(ch => "[]:*?/\\".IndexOf(ch) < 0).ToArray()) is var clean && clean.Length > 31 ? clean[..31] : clean;

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    private static void Part(ZipArchive zip, string name, string xml)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
        writer.Write(xml);
    }
}
