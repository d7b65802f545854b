using System.Globalization;

namespace FactoryCloud.Domain.Plants;

/// <summary>One row of a pasted or uploaded machine list.</summary>
public sealed record MachineCsvRow(int LineNumber, string Key, string Name, double IdealCycleTimeSeconds);

/// <summary>A row that cannot be imported, with the reason shown beside it.</summary>
public sealed record MachineCsvError(int LineNumber, string Message);

/// <summary>
/// Parses <c>key,name,idealCycleTimeSeconds</c> lines (header optional, comma or semicolon, cycle time optional and
/// defaulting to 1 s). Either every row is valid or nothing is imported: the caller shows the errors per line.
/// </summary>
public static class MachineCsv
{
    public const int MaxRows = 500;

    public static (IReadOnlyList<MachineCsvRow> Rows, IReadOnlyList<MachineCsvError> Errors) Parse(string text)
    {
        var rows = new List<MachineCsvRow>();
        var errors = new List<MachineCsvError>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].Trim();
            if (line.Length == 0 || (i == 0 && line.StartsWith("key", StringComparison.OrdinalIgnoreCase))) continue;
            var fields = line.Split(line.Contains(';', StringComparison.Ordinal) ? ';' : ',').Select(f => f.Trim().Trim('"')).ToArray();
            if (fields.Length is < 2 or > 3) { errors.Add(new(number, "Expected key,name[,idealCycleTimeSeconds].")); continue; }
            var (key, name) = (fields[0], fields[1]);
            var cycle = 1.0;
            if (!AssetKey.IsValid(key)) errors.Add(new(number, $"Key '{key}': {AssetKey.Rule}"));
            else if (!keys.Add(key)) errors.Add(new(number, $"Key '{key}' appears twice."));
            if (name.Length is 0 or > 100) errors.Add(new(number, "The name must be 1 to 100 characters."));
            if (fields.Length == 3 && (!double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out cycle) || !double.IsFinite(cycle) || cycle is <= 0 or > 86_400))
                errors.Add(new(number, $"Cycle time '{fields[2]}' must be a number of seconds between 0.001 and 86400."));
            if (errors.Count == 0 || errors[^1].LineNumber != number) rows.Add(new(number, key, name, cycle));
        }
        if (rows.Count + errors.Count > MaxRows) errors.Add(new(0, $"At most {MaxRows} machines at once."));
        return (rows, errors);
    }
}
