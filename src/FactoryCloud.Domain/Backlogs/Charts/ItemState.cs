namespace FactoryCloud.Domain.Backlogs.Charts;

/// <summary>What a work item looked like from <see cref="At"/> until its next state (the charts' view of history).</summary>
public sealed record ItemState(DateTimeOffset At, Guid? ColumnId, double? Points, Guid? SprintId, bool Deleted = false);
