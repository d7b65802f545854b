using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Backlogs.Charts;

namespace FactoryCloud.Domain.Tests.Backlogs.Charts;

/// <summary>
/// One five-day sprint (Mon 2026-11-02 to Fri 2026-11-06, committed Mon 08:00 UTC), replayed from history entries:
/// A 5 pts done Tue, B 3 pts done Thu, C 8 pts never done, D 2 pts added Tue and done Fri (never in progress),
/// E 1 pt cancelled Mon.
/// </summary>
internal static class SprintFixture
{
    public static readonly WorkflowColumn Ready = new() { Name = "Ready", Category = ColumnCategory.Proposed, Position = 0 };
    public static readonly WorkflowColumn Dev = new() { Name = "In development", Category = ColumnCategory.InProgress, Position = 1 };
    public static readonly WorkflowColumn Done = new() { Name = "Done", Category = ColumnCategory.Done, Position = 2 };
    public static readonly WorkflowColumn Cancelled = new() { Name = "Cancelled", Category = ColumnCategory.Removed, Position = 3 };
    public static readonly WorkflowColumn[] Columns = [Ready, Dev, Done, Cancelled];
    public static readonly ColumnMap Map = new(Columns);

    public static readonly Guid SprintId = Guid.NewGuid();
    public static readonly DateOnly Start = new(2026, 11, 2);
    public static readonly DateOnly End = new(2026, 11, 6);
    public static readonly DateTimeOffset CommittedAt = At(2, 8);
    public static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid(), D = Guid.NewGuid(), E = Guid.NewGuid();

    public static readonly IReadOnlyList<ItemTimeline> Items =
    [
        Timeline(A, Created(A, At(1, 10), 5), Planned(A, At(1, 12)), Move(A, At(2, 9), Dev), Move(A, At(3, 15), Done)),
        Timeline(B, Created(B, At(1, 10), 3), Planned(B, At(1, 12)), Move(B, At(4, 9), Dev), Move(B, At(5, 10), Done)),
        Timeline(C, Created(C, At(1, 10), 8), Planned(C, At(1, 12))),
        Timeline(D, Created(D, At(3, 9), 2), Planned(D, At(3, 9)), Move(D, At(6, 10), Done)),
        Timeline(E, Created(E, At(1, 10), 1), Planned(E, At(1, 12)), Move(E, At(2, 10), Cancelled)),
    ];

    public static DateTimeOffset At(int day, int hour) => new(2026, 11, day, hour, 0, 0, TimeSpan.Zero);

    private static ItemTimeline Timeline(Guid id, params IEnumerable<WorkItemHistoryEntry>[] entries) =>
        ItemTimeline.FromHistory(id, entries.SelectMany(e => e).Reverse()); // any order in, time order out

    private static WorkItemHistoryEntry[] Created(Guid id, DateTimeOffset at, double points) =>
    [
        Entry(id, at, WorkItemFields.Created, null),
        Entry(id, at, WorkItemFields.Column, WorkItemFields.Text(Ready.Id)),
        Entry(id, at, WorkItemFields.Estimate, WorkItemFields.Text(points)),
        Entry(id, at, WorkItemFields.Title, "ignored by charts"),
    ];

    private static WorkItemHistoryEntry[] Planned(Guid id, DateTimeOffset at) => [Entry(id, at, WorkItemFields.Sprint, WorkItemFields.Text(SprintId))];

    private static WorkItemHistoryEntry[] Move(Guid id, DateTimeOffset at, WorkflowColumn to) => [Entry(id, at, WorkItemFields.Column, WorkItemFields.Text(to.Id))];

    private static WorkItemHistoryEntry Entry(Guid id, DateTimeOffset at, string field, string? value) =>
        new() { WorkItemId = id, At = at, Field = field, NewValue = value };
}
