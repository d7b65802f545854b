using System.Globalization;

namespace FactoryCloud.Web.Common;

/// <summary>
/// How numbers, ratios, durations and times are written for people, everywhere in the UI: "88.8 %", "2 h 11 min",
/// "1,368.8", "6 Dec 2026, 14:05 (Europe/Berlin)". Undefined values are "–". One culture-independent style (the app
/// has no per-user locale yet), so the same figure reads the same on every page, in exports and in tests.
/// </summary>
public static class DisplayFormat
{
    public const string Undefined = "–";

    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>A fraction as a percentage: 0.0338 → "3.4 %"; null → "–".</summary>
    public static string Percent(double? ratio, int decimals = 1) =>
        ratio is { } r && double.IsFinite(r) ? (r * 100).ToString("N" + decimals, Culture) + " %" : Undefined;

    /// <summary>Seconds for people: "12 s", "4 min 05 s", "2 h 11 min", "3 d 4 h"; null → "–".</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s || !double.IsFinite(s)) return Undefined;
        var span = TimeSpan.FromSeconds(Math.Round(Math.Abs(s)));
        var sign = s < 0 && span > TimeSpan.Zero ? "−" : "";
        var text = span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes:00} min"
            : span.TotalMinutes >= 1 ? $"{span.Minutes} min {span.Seconds:00} s"
            : $"{span.Seconds} s";
        return sign + text;
    }

    public static string Duration(TimeSpan? span) => Duration(span?.TotalSeconds);

    /// <summary>A measured value with thousands separators and at most <paramref name="maxDecimals"/> decimals: 1368.798 → "1,368.8".</summary>
    public static string Number(double? value, int maxDecimals = 1) =>
        value is { } v && double.IsFinite(v) ? v.ToString("#,0." + new string('#', Math.Max(0, maxDecimals)), Culture).TrimEnd('.') : Undefined;

    /// <summary>A count: 12345 → "12,345".</summary>
    public static string Count(long value) => value.ToString("N0", Culture);

    /// <summary>The site's zone; UTC for an unknown id (a site's zone is validated when saved).</summary>
    public static TimeZoneInfo Zone(string? timeZoneId) =>
        timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The zone as people see it named beside a time: "UTC" or the IANA id ("Europe/Berlin").</summary>
    public static string ZoneName(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC" ? "UTC" : zone.Id;

    /// <summary>An instant in <paramref name="zone"/>, the zone named: "6 Dec 2026, 14:05 (Europe/Berlin)".</summary>
    public static string DateTime(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("d MMM yyyy, HH:mm", Culture) + $" ({ZoneName(zone)})";

    public static string DateTime(DateTimeOffset? at, TimeZoneInfo zone) => at is { } a ? DateTime(a, zone) : Undefined;

    /// <summary>An instant's time of day in <paramref name="zone"/> without the zone (for axes and tables whose header names it): "14:05".</summary>
    public static string TimeOfDay(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("HH:mm", Culture);

    /// <summary>A calendar date: "6 Dec 2026".</summary>
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", Culture);

    public static string Date(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("d MMM yyyy", Culture);

    /// <summary>A window in <paramref name="zone"/>: "6 Dec 2026, 06:00 – 14:00 (Europe/Berlin)", the date repeated only when it changes.</summary>
    public static string Window(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        var (from, to) = (TimeZoneInfo.ConvertTime(start, zone), TimeZoneInfo.ConvertTime(end, zone));
        var toText = from.Date == to.Date ? to.ToString("HH:mm", Culture) : to.ToString("d MMM yyyy, HH:mm", Culture);
        return $"{from.ToString("d MMM yyyy, HH:mm", Culture)} – {toText} ({ZoneName(zone)})";
    }

    /// <summary>A prioritisation quadrant as the matrix names it: "Do first", "Quick win", "Plan", "Later".</summary>
    public static string Label(FactoryCloud.Domain.Maturity.PriorityQuadrant quadrant) => quadrant switch
    {
        FactoryCloud.Domain.Maturity.PriorityQuadrant.DoFirst => "Do first",
        FactoryCloud.Domain.Maturity.PriorityQuadrant.QuickWin => "Quick win",
        FactoryCloud.Domain.Maturity.PriorityQuadrant.Plan => "Plan",
        _ => "Later",
    };

    /// <summary>A value hypothesis' KPI: "OEE", "Availability", "Scrap rate", "Energy per unit", "MTTR".</summary>
    public static string Label(FactoryCloud.Domain.Backlogs.HypothesisKpi kpi) => kpi switch
    {
        FactoryCloud.Domain.Backlogs.HypothesisKpi.Oee => "OEE",
        FactoryCloud.Domain.Backlogs.HypothesisKpi.Mttr => "MTTR",
        _ => Words(kpi.ToString()),
    };

    /// <summary>A name made of words from a code name: "AcceptanceCriteria" → "Acceptance criteria", "DoFirst" → "Do first".</summary>
    public static string Words(string codeName)
    {
        if (string.IsNullOrEmpty(codeName)) return codeName;
        var builder = new System.Text.StringBuilder(codeName.Length + 8);
        for (var i = 0; i < codeName.Length; i++)
        {
            var c = codeName[i];
            var startsWord = i > 0 && char.IsUpper(c) && (char.IsLower(codeName[i - 1]) || (i + 1 < codeName.Length && char.IsLower(codeName[i + 1]) && char.IsUpper(codeName[i - 1])));
            if (startsWord) builder.Append(' ');
            // Acronyms (OEE, KPI) keep their capitals; other words after the first are lower case.
            var inAcronym = char.IsUpper(c) && ((i + 1 < codeName.Length && char.IsUpper(codeName[i + 1])) || (i > 0 && char.IsUpper(codeName[i - 1]) && !startsWord));
            builder.Append(i == 0 || inAcronym ? c : char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
