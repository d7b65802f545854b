namespace FactoryCloud.Domain.Plants;

/// <summary>What a device may publish for: one machine, or every machine of a line or site (an edge gateway).</summary>
public enum DeviceScopeKind
{
    Machine,
    Line,
    Site,
}
