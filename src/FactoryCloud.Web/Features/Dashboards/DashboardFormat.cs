using System.Globalization;
using FactoryCloud.Domain.Kpis;

namespace FactoryCloud.Web.Features.Dashboards;

/// <summary>Window labels for the dashboard headers (UTC; the window itself was resolved in the site's time zone).</summary>
public static class DashboardFormat
{
    public static string Window(TimeWindow window) =>
        window.IsEmpty ? "" : string.Create(CultureInfo.InvariantCulture, $"{window.Start.UtcDateTime:yyyy-MM-dd HH:mm} – {window.End.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
}
