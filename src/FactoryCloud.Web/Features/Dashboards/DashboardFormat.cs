using FactoryCloud.Domain.Kpis;

namespace FactoryCloud.Web.Features.Dashboards;

/// <summary>Window labels for the dashboard headers, in the site's time zone with the zone named.</summary>
public static class DashboardFormat
{
    /// <summary>"6 Dec 2026, 06:00 – 14:00 (Europe/Berlin)"; empty for an empty window.</summary>
    public static string Window(TimeWindow window, string? timeZone) =>
        window.IsEmpty ? "" : DisplayFormat.Window(window.Start, window.End, DisplayFormat.Zone(timeZone));
}
