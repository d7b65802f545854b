using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>
/// A member's choice to watch (or stop watching) a work item. The creator and the assignee watch by default; a row
/// with <see cref="Watching"/> false records that they stopped, a row with true that someone else started.
/// </summary>
public sealed class WorkItemWatch : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid WorkItemId { get; set; }
    public Guid UserId { get; set; }
    public bool Watching { get; set; }

    /// <summary>Who watches: the creator and assignee unless they stopped, and everyone who started.</summary>
    public static IReadOnlySet<Guid> Watchers(Guid? createdBy, Guid? assigneeId, IEnumerable<WorkItemWatch> choices)
    {
        var list = choices.ToList();
        var watchers = new HashSet<Guid>();
        foreach (var id in new[] { createdBy, assigneeId }.OfType<Guid>().Where(id => id != Guid.Empty)) watchers.Add(id);
        foreach (var choice in list)
        {
            if (choice.Watching) watchers.Add(choice.UserId);
            else watchers.Remove(choice.UserId);
        }
        return watchers;
    }
}
