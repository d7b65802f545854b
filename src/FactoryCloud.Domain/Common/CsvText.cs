using System.Globalization;
using System.Text;

namespace FactoryCloud.Domain.Common;

/// <summary>
/// RFC 4180 CSV: quoted fields may hold separators, quotes ("") and line breaks. Comma or semicolon, chosen from the
/// header line. <see cref="Escape"/> is the one way every CSV export writes a text cell.
/// </summary>
public static class CsvText
{
    public sealed record Record(int LineNumber, IReadOnlyList<string> Fields);

    public static IReadOnlyList<Record> Parse(string text)
    {
        var records = new List<Record>();
        var separator = DetectSeparator(text);
        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, startLine, inQuotes, any) = (1, 1, false, false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') inQuotes = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            if (c == '"') { inQuotes = true; any = true; }
            else if (c == separator) { fields.Add(field.ToString()); field.Clear(); any = true; }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                EndRecord();
                line++;
                startLine = line;
            }
            else { field.Append(c); any = true; }
        }
        EndRecord();
        return records;

        void EndRecord()
        {
            if (any || field.Length > 0)
            {
                fields.Add(field.ToString());
                if (fields.Any(f => f.Trim().Length > 0)) records.Add(new Record(startLine, fields.ToList()));
            }
            fields.Clear();
            field.Clear();
            any = false;
        }
    }

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
