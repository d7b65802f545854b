namespace FactoryCloud.Domain.Maturity;

/// <summary>
/// Which evidence from the product's own data FactoryCloud computes beside a dimension's self-assessed stage
/// (rules in <c>Evidence/</c>). Stored by number in model documents: append new members, never reorder.
/// </summary>
public enum EvidenceSource
{
    /// <summary>No evidence rule applies (a dimension an organisation added to its own model).</summary>
    None,

    /// <summary>Machines online and the share streaming, refused messages.</summary>
    Connectivity,

    /// <summary>Data completeness, machines with all three channels, OEE on every line.</summary>
    Data,

    Energy,
    Analytics,
    Cybersecurity,

    /// <summary>Cross-functional organisation: team disciplines, flow times, WIP discipline, throughput stability.</summary>
    Organisation,

    Strategy,
    Automation,

    /// <summary>The product holds no data about this dimension (skills, digital twin): the UI says so rather than guessing.</summary>
    NotInProduct,
}
