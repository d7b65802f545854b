using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Web.Features.Kpis;

namespace FactoryCloud.Web.Features.Dashboards;

/// <summary>
/// The plant overview: every site → area → line → machine of the tenant, with each machine's current state and its
/// OEE and top loss over the chosen <see cref="Range"/>, resolved per site in the site's time zone.
/// </summary>
public sealed record PlantOverview(IReadOnlyList<SiteOverview> Sites, DateTimeOffset Now, TimeRangeKind Range)
{
    public int MachineCount => Sites.Sum(s => s.Areas.Sum(a => a.Lines.Sum(l => l.Machines.Count)));
}

/// <summary>A site with the window its KPIs cover (the range in its time zone).</summary>
public sealed record SiteOverview(Guid Id, string Name, TimeWindow Window, IReadOnlyList<AreaOverview> Areas)
{
    /// <summary>The site's time zone (IANA id): the window is shown in it.</summary>
    public string TimeZone { get; init; } = "UTC";
}

public sealed record AreaOverview(Guid Id, string Name, IReadOnlyList<LineOverview> Lines);

/// <summary>OEE (null when undefined) and the largest loss (null when nothing was lost) of a machine or line.</summary>
public sealed record TileKpis(double? Oee, LossCategory? TopLoss)
{
    public static TileKpis None { get; } = new(null, null);
}

/// <summary>A line with its machines; <see cref="Kpis"/> aggregate the line's summed totals.</summary>
public sealed record LineOverview(Guid Id, string Name, TileKpis Kpis, IReadOnlyList<MachineTile> Machines)
{
    public double? Oee => Kpis.Oee;
}

/// <summary>One machine: its latest state (null when it has never reported one), since when, and its KPIs over the range.</summary>
public sealed record MachineTile(Guid Id, string Key, string Name, MachineState? State, DateTimeOffset? Since, TimeSpan? TimeInState, TileKpis Kpis)
{
    public double? Oee => Kpis.Oee;

    public TileLook Look => TileLook.Of(State);
}

/// <summary>The tile's label and colour for a machine state; no state at all reads "No data".</summary>
public sealed record TileLook(string Label, string Color)
{
    public const string Green = "#2e7d32";
    public const string Amber = "#f9a825";
    public const string Red = "#c62828";
    public const string Blue = "#1565c0";
    public const string Grey = "#9e9e9e";
    public const string DarkGrey = "#424242";

    public static TileLook Of(MachineState? state) => state switch
    {
        MachineState.Running => new("Running", Green),
        MachineState.Idle => new("Idle", Amber),
        MachineState.Down => new("Down", Red),
        MachineState.Changeover => new("Changeover", Blue),
        MachineState.PlannedStop => new("Planned stop", Grey),
        MachineState.Offline => new("Offline", DarkGrey),
        _ => new("No data", DarkGrey),
    };

    /// <summary>Amber text is hard to read on white: amber and light grey tiles take dark text, the others white.</summary>
    public string TextColor => Color is Amber or Grey ? "#212121" : "#ffffff";
}

/// <summary>Formatting shared by the tiles.</summary>
public static class OverviewFormat
{
    /// <summary>"45 s", "12 min", "3 h 05 min", "2 d 4 h"; "–" without a state.</summary>
    public static string Duration(TimeSpan? span)
    {
        if (span is not { } value) return "–";
        if (value < TimeSpan.Zero) value = TimeSpan.Zero;
        if (value.TotalMinutes < 1) return $"{(int)value.TotalSeconds} s";
        if (value.TotalHours < 1) return $"{(int)value.TotalMinutes} min";
        if (value.TotalDays < 1) return $"{(int)value.TotalHours} h {value.Minutes:00} min";
        return $"{(int)value.TotalDays} d {value.Hours} h";
    }

    /// <summary>"Breakdowns", "Small stops"...; "–" when nothing was lost.</summary>
    public static string Loss(LossCategory? loss) => loss is { } value ? KpiText.LossName(value) : "–";

    /// <summary>"72.5 %", or "no planned time" when OEE is undefined (no shift in the range, or no data yet): never a bare "–".</summary>
    public static string Oee(double? oee) => oee is { } value ? FactoryCloud.Web.Common.DisplayFormat.Percent(value) : NoPlannedTime;

    public const string NoPlannedTime = "no planned time";
}
