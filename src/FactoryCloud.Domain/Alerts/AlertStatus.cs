namespace FactoryCloud.Domain.Alerts;

/// <summary>Open → Acknowledged (optional) → Closed, either cleared automatically or closed by a user.</summary>
public enum AlertStatus
{
    Open,
    Acknowledged,
    Closed,
}
