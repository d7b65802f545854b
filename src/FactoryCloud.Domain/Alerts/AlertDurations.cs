using System.Globalization;

namespace FactoryCloud.Domain.Alerts;

/// <summary>Durations in alert details: whole minutes, hours from one hour on ("2 h 05 min").</summary>
public static class AlertDurations
{
    public static string Format(TimeSpan duration)
    {
        var minutes = Math.Max(0, (long)duration.TotalMinutes);
        return minutes < 60
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60:00} min");
    }
}
