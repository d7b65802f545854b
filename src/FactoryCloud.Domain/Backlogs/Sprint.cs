using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>An iteration of a product: dates (inclusive, UTC days), goal, capacity per member.</summary>
public sealed class Sprint : ITenantOwned
{
    public const int NameMaxLength = 100;
    public const int GoalMaxLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    public required string Name { get; set; }
    public string Goal { get; set; } = "";
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public SprintState State { get; set; } = SprintState.Planned;
    public List<MemberCapacity> Capacity { get; set; } = [];

    /// <summary>When the sprint was started: the moment its commitment is measured at.</summary>
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}
