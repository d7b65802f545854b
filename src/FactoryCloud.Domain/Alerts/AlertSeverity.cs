namespace FactoryCloud.Domain.Alerts;

/// <summary>How bad a rule's alert is, most severe first (the order sorts lists and picks the bell's colour).</summary>
public enum AlertSeverity
{
    Critical,
    Major,
    Minor,
    Warning,
}
