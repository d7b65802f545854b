namespace FactoryCloud.Domain.Backlogs;

/// <summary>A product's setting for WIP limits: a breach asks for confirmation, or is refused.</summary>
public enum WipMode
{
    WarnAndConfirm,
    Strict,
}
