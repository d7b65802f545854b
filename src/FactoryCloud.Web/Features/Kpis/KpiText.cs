using System.Globalization;
using FactoryCloud.Domain.Kpis;

namespace FactoryCloud.Web.Features.Kpis;

/// <summary>Display names and formats shared by the KPI pages and exports (ISO 22400 names where they exist).</summary>
public static class KpiText
{
    public static string LossName(LossCategory loss) => loss switch
    {
        LossCategory.Breakdown => "Breakdowns",
        LossCategory.SetupAdjustment => "Setup and adjustment",
        LossCategory.SmallStop => "Small stops",
        LossCategory.ReducedSpeed => "Reduced speed",
        LossCategory.StartupRejects => "Start-up rejects",
        LossCategory.ProductionRejects => "Production rejects",
        LossCategory.Idle => "Idle",
        LossCategory.Offline => "Offline",
        LossCategory.NoData => "No data",
        _ => loss.ToString(),
    };

    public static string RangeName(TimeRangeKind range) => range switch
    {
        TimeRangeKind.CurrentShift => "Current shift",
        TimeRangeKind.Today => "Today",
        TimeRangeKind.Yesterday => "Yesterday",
        TimeRangeKind.Last7Days => "Last 7 days",
        TimeRangeKind.Last30Days => "Last 30 days",
        _ => "Custom",
    };

    /// <summary>"88.81 %", "–" when undefined.</summary>
    public static string Percent(double? ratio) =>
        ratio is { } r ? (r * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "–";

    /// <summary>"1 h 05 min 03 s" style; "–" when undefined.</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s) return "–";
        var span = TimeSpan.FromSeconds(Math.Round(s));
        return span.TotalHours >= 1
            ? $"{(int)span.TotalHours} h {span.Minutes:00} min"
            : span.TotalMinutes >= 1 ? $"{span.Minutes} min {span.Seconds:00} s" : $"{span.Seconds} s";
    }

    public static string Number(double? value, string format = "0.##") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
