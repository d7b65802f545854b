using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace FactoryCloud.Web.Common;

/// <summary>
/// RFC 4180 CSV: quoted fields may hold separators, quotes ("") and line breaks. Comma or semicolon, chosen from the
/// header line. Reading is CsvHelper's; <see cref="Escape"/> is the one way every CSV export writes a text cell (kept
/// by hand: CsvHelper's injection escaping would turn negative numbers into text, see docs/decisions/0007).
/// </summary>
public static class CsvText
{
    public sealed record Record(int LineNumber, IReadOnlyList<string> Fields);

    /// <summary>
    /// The records of <paramref name="text"/> with the line each starts on; records whose fields are all blank are
    /// left out. Read with CsvHelper's parser; a stray quote inside an unquoted field is kept as text.
    /// </summary>
    public static IReadOnlyList<Record> Parse(string text)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = DetectSeparator(text).ToString(),
            HasHeaderRecord = false,
            BadDataFound = null,
            MissingFieldFound = null,
            IgnoreBlankLines = true,
        };
        var records = new List<Record>();
        using var parser = new CsvParser(new StringReader(text), configuration);
        while (parser.Read())
        {
            var fields = parser.Record ?? [];
            if (fields.All(f => f.Trim().Length == 0)) continue;
            records.Add(new Record(parser.RawRow - LineBreaksWithin(parser.RawRecord), fields));
        }
        return records;
    }

    /// <summary>Line breaks inside the record's raw text (quoted fields), not counting the one that ends it.</summary>
    private static int LineBreaksWithin(string raw) => raw.TrimEnd('\r', '\n').Count(c => c == '\n');

    /// <summary>
    /// One cell, quoted when it holds a separator, a quote or a line break. A cell a spreadsheet would take for a
    /// formula (OWASP's list: starting with <c>= + - @</c>, tab or carriage return) gets a leading <c>'</c> so it stays
    /// text, except a plain number such as <c>-3.5</c> or <c>+4</c>: a number is never a formula, and a negative
    /// value must stay a number for whoever opens the file.
    /// </summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var safe = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsNumber(value) ? "'" + value : value;
        return safe.IndexOfAny([',', ';', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    private static bool IsNumber(string value) =>
        double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _);

    public static string Line(IEnumerable<string?> values) => string.Join(',', values.Select(Escape));

    private static char DetectSeparator(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var header = end < 0 ? text : text[..end];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
    }
}
