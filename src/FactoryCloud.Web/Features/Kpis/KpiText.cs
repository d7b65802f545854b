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

    /// <summary>"88.81 %", "–" when undefined (KPI ratios keep two decimals; see <see cref="DisplayFormat"/>).</summary>
    public static string Percent(double? ratio) => DisplayFormat.Percent(ratio, 2);

    /// <summary>"1 h 05 min", "4 min 03 s"; "–" when undefined (<see cref="DisplayFormat.Duration(double?)"/>).</summary>
    public static string Duration(double? seconds) => DisplayFormat.Duration(seconds);

    public static string Number(double? value, string format = "0.##") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
