using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Backlogs.Shared;

/// <summary>A member of the organisation as the backlog screens show them (assignee pickers, swimlanes, capacity).</summary>
public sealed record Person(Guid UserId, string Name)
{
    public static IReadOnlyList<Person> From(IEnumerable<MemberView> members) =>
        members.Select(m => new Person(m.UserId, string.IsNullOrWhiteSpace(m.DisplayName) ? m.Email : m.DisplayName))
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public static string NameOf(IReadOnlyList<Person> people, Guid? userId) =>
        userId is { } id ? people.FirstOrDefault(p => p.UserId == id)?.Name ?? "Former member" : "Unassigned";
}
