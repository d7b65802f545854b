using System.Text.RegularExpressions;

namespace FactoryCloud.Domain.Value;

/// <summary>Valid cost rates: a three-letter currency code and rates that are not negative and not absurd.</summary>
public static partial class CostRateRules
{
    /// <summary>A cap that catches a typo (an extra few zeros) without limiting any real plant.</summary>
    public const decimal MaxRate = 10_000_000m;

    public static IReadOnlyDictionary<string, string[]> Validate(string? currency, decimal downtimePerHour, decimal scrapPerUnit, decimal energyPerKwh)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CurrencyPattern().IsMatch(currency ?? "")) errors["Currency"] = ["Enter a three-letter currency code such as EUR or USD."];
        Check(errors, "DowntimePerHour", downtimePerHour);
        Check(errors, "ScrapPerUnit", scrapPerUnit);
        Check(errors, "EnergyPerKwh", energyPerKwh);
        return errors;
    }

    /// <summary>
    /// A site's line rates: each line of the site (<paramref name="siteLines"/>) at most once, each rate valid as above.
    /// Errors are keyed <c>LineDowntime</c> (the list) or <c>LineDowntime[i]</c> (one entry).
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> ValidateLines(IReadOnlyList<LineDowntimeRate> lines, IReadOnlySet<Guid> siteLines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(siteLines);
        var errors = new Dictionary<string, string[]>();
        if (lines.Select(l => l.LineId).Distinct().Count() != lines.Count) errors["LineDowntime"] = ["Each line has one downtime rate at most."];
        for (var i = 0; i < lines.Count; i++)
        {
            if (!siteLines.Contains(lines[i].LineId)) errors[$"LineDowntime[{i}]"] = ["This line is not a line of the site."];
            else Check(errors, $"LineDowntime[{i}]", lines[i].PerHour);
        }
        return errors;
    }

    private static void Check(Dictionary<string, string[]> errors, string field, decimal rate)
    {
        if (rate < 0) errors[field] = ["A rate cannot be negative."];
        else if (rate > MaxRate) errors[field] = [$"A rate is at most {MaxRate:N0}."];
        else if (decimal.Round(rate, 4) != rate) errors[field] = ["A rate has at most four decimals."];
    }

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyPattern();
}
