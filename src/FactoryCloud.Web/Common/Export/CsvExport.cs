using System.Globalization;
using System.Text;
using FactoryCloud.Domain.Common;

namespace FactoryCloud.Web.Common.Export;

/// <summary>
/// RFC 4180 CSV: the tables one after another, each with its name on a line of its own and a blank line between
/// (<see cref="Write"/>), or one table alone, its header first (<see cref="WriteTable"/>). Numbers are written as
/// numbers (a decimal is money: at least two decimals); every text cell goes through <see cref="CsvText.Escape"/>
/// (quoting, formulas defused).
/// </summary>
public static class CsvExport
{
    public static string Write(IReadOnlyList<ExportTable> tables)
    {
        var csv = new StringBuilder();
        foreach (var table in tables)
        {
            if (csv.Length > 0) csv.Append("\r\n");
            csv.Append(CsvText.Escape(table.Name)).Append("\r\n");
            Append(csv, table);
        }
        return csv.ToString();
    }

    public static string WriteTable(ExportTable table) => Append(new StringBuilder(), table).ToString();

    private static StringBuilder Append(StringBuilder csv, ExportTable table)
    {
        csv.AppendJoin(',', table.Headers.Select(CsvText.Escape)).Append("\r\n");
        foreach (var row in table.Rows) csv.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        return csv;
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString("0.00##########", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => CsvText.Escape(value.ToString()),
    };
}
