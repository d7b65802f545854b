using FactoryCloud.Domain.Tenancy;

namespace FactoryCloud.Domain.Tests.Tenancy;

public sealed class StartPagesTests
{
    [Theory]
    [InlineData(StartPage.Home, "")]
    [InlineData(StartPage.Program, "program")]
    [InlineData(StartPage.Plants, "plants")]
    [InlineData(StartPage.Backlogs, "backlogs")]
    public void Each_start_page_is_one_of_the_navigation_menus_addresses(StartPage page, string path) =>
        Assert.Equal(path, StartPages.Path(page));

    [Theory]
    [InlineData(StartPage.Program, "program")]
    [InlineData(StartPage.Plants, "plants")]
    [InlineData(StartPage.Backlogs, "backlogs")]
    public void Home_sends_a_member_on_to_their_start_page_once_the_checklist_is_complete(StartPage page, string path) =>
        Assert.Equal(path, StartPages.RedirectFromHome(page, checklistComplete: true, homeAskedFor: false));

    [Fact]
    public void Home_as_start_page_stays_home() =>
        Assert.Null(StartPages.RedirectFromHome(StartPage.Home, checklistComplete: true, homeAskedFor: false));

    [Fact]
    public void An_incomplete_checklist_keeps_everyone_on_home() =>
        Assert.Null(StartPages.RedirectFromHome(StartPage.Program, checklistComplete: false, homeAskedFor: false));

    [Fact]
    public void Home_asked_for_through_the_navigation_is_never_left() =>
        Assert.Null(StartPages.RedirectFromHome(StartPage.Program, checklistComplete: true, homeAskedFor: true));

    [Fact]
    public void A_value_that_names_no_page_stays_home() =>
        Assert.Null(StartPages.RedirectFromHome((StartPage)42, checklistComplete: true, homeAskedFor: false));

    [Fact]
    public void The_explicit_home_link_carries_the_parameter_the_home_page_reads() =>
        Assert.Equal("?home=1", StartPages.ExplicitHomeHref);
}
