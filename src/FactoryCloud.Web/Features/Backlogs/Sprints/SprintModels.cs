using System.ComponentModel.DataAnnotations;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs.ProductBacklog;

namespace FactoryCloud.Web.Features.Backlogs.Sprints;

public sealed record SprintView(
    Guid Id, Guid ProductId, string Name, string Goal, DateOnly StartDate, DateOnly EndDate, SprintState State,
    IReadOnlyList<MemberCapacity> Capacity, DateTimeOffset? StartedAt, DateTimeOffset? ClosedAt);

public sealed record SprintPlan(SprintView Sprint, double Capacity, double Committed, bool Overcommitted, IReadOnlyList<SprintCapacity.MemberLoad> Members, IReadOnlyList<BacklogRow> Items);

public sealed record SprintClosed(SprintView Sprint, int CarriedOver, Guid? CarriedTo);

public sealed class SprintRequest : IValidatableObject
{
    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(Sprint.NameMaxLength, ErrorMessage = "The name can be at most 100 characters.")]
    public string Name { get; set; } = "";

    [StringLength(Sprint.GoalMaxLength, ErrorMessage = "The goal can be at most 1,000 characters.")]
    public string Goal { get; set; } = "";

    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public List<MemberCapacity> Capacity { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // An absent date binds as 0001-01-01: no sprint starts or ends then.
        if (StartDate == default) yield return new ValidationResult("Enter a start date.", [nameof(StartDate)]);
        if (EndDate == default) yield return new ValidationResult("Enter an end date.", [nameof(EndDate)]);
        if (StartDate == default || EndDate == default) yield break;
        if (EndDate < StartDate) yield return new ValidationResult("The sprint ends on or after its start.", [nameof(EndDate)]);
        if (EndDate.DayNumber - StartDate.DayNumber > 90) yield return new ValidationResult("A sprint lasts at most 91 days.", [nameof(EndDate)]);
        if (Capacity.Any(c => c.Points < 0 || !double.IsFinite(c.Points))) yield return new ValidationResult("Capacity is zero or more points.", [nameof(Capacity)]);
        if (Capacity.Select(c => c.UserId).Distinct().Count() != Capacity.Count) yield return new ValidationResult("Each member appears once.", [nameof(Capacity)]);
    }
}

public sealed class CloseSprintRequest
{
    /// <summary>Where unfinished items go: an open sprint of the same product, or null for the backlog.</summary>
    public Guid? CarryOverTo { get; set; }
}

public sealed class PlanItemsRequest
{
    public List<Guid> Add { get; set; } = [];
    public List<Guid> Remove { get; set; } = [];
}
