namespace FactoryCloud.Web.Features.Backlogs.Shared;

/// <summary>Text for a select whose values are ids (a person, column, sprint, team): the name, not the Guid.</summary>
public static class Labels
{
    public static Func<Guid?, string> Of<T>(IEnumerable<T> items, Func<T, Guid> id, Func<T, string> label) =>
        value => value is { } v ? items.Where(i => id(i) == v).Select(label).FirstOrDefault() ?? "" : "";
}
