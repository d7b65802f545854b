namespace FactoryCloud.Domain.Maturity;

/// <summary>Which telemetry evidence, if any, FactoryCloud computes beside a dimension's self-assessed stage.</summary>
public enum EvidenceSource
{
    None,

    /// <summary>Machines reporting and refused messages: the Connectivity and IIoT dimension.</summary>
    Connectivity,

    /// <summary>Data completeness and OEE on every line: the Data architecture and integration dimension.</summary>
    Data,
}
