namespace FactoryCloud.Domain.Tenancy;

/// <summary>
/// The page a member opens first in one organisation (<see cref="Membership.StartPage"/>), as Jira and Azure DevOps let
/// each person choose theirs. Home is the default: a new organisation's first hour needs its getting-started checklist.
/// </summary>
public enum StartPage
{
    Home = 0,
    Program = 1,
    Plants = 2,
    Backlogs = 3,
}

/// <summary>Where each start page lives, and when the home page sends a member on to theirs.</summary>
public static class StartPages
{
    /// <summary>
    /// The query parameter that says the member asked for the home page itself (the navigation's Home link,
    /// <c>?home=1</c>): then the home page never sends them on.
    /// </summary>
    public const string ExplicitHomeParameter = "home";

    /// <summary>The navigation's Home link: the home page itself, whatever the member's start page.</summary>
    public const string ExplicitHomeHref = "?" + ExplicitHomeParameter + "=1";

    /// <summary>The page's address relative to the app's base (the navigation menu's links); Home is the empty path.</summary>
    public static string Path(StartPage page) => page switch
    {
        StartPage.Program => "program",
        StartPage.Plants => "plants",
        StartPage.Backlogs => "backlogs",
        _ => "",
    };

    public static string Label(StartPage page) => page switch
    {
        StartPage.Program => "Program",
        StartPage.Plants => "Plants overview",
        StartPage.Backlogs => "Backlogs",
        _ => "Home",
    };

    /// <summary>
    /// Where the home page sends the member, or null to stay: only to a start page other than Home, only once the
    /// organisation's getting-started checklist is complete (until then the checklist is the first page for everyone),
    /// and never when the member asked for the home page itself.
    /// </summary>
    public static string? RedirectFromHome(StartPage chosen, bool checklistComplete, bool homeAskedFor) =>
        chosen == StartPage.Home || !checklistComplete || homeAskedFor || !Enum.IsDefined(chosen) ? null : Path(chosen);
}
