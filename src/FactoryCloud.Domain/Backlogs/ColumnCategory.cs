namespace FactoryCloud.Domain.Backlogs;

/// <summary>What a workflow column means for charts, whatever it is called: charts count by category.</summary>
public enum ColumnCategory
{
    Proposed,
    InProgress,
    Done,

    /// <summary>Cancelled work: neither open nor delivered; left out of velocity, burndown and roll-ups.</summary>
    Removed,
}
