using Bunit;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Notifications;
using FactoryCloud.Web.Features.Tenancy;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Tenancy;

/// <summary>The member's settings page lists the start page choice and saves it for that member only.</summary>
public sealed class StartPageChoiceTests : IAsyncLifetime
{
    private readonly MembersScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task TheSettingsPageOffersEachStartPageAndSavesTheMembersChoice()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var page = MembersScenario.RenderWithProviders<NotificationPreferencesPage>(ctx);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=start-page-save]")));
        var choice = page.FindComponent<MudRadioGroup<StartPage>>();
        Assert.Equal(StartPage.Home, choice.Instance.Value);
        Assert.Equal(["Home", "Program", "Plants overview", "Backlogs"],
            page.FindComponents<MudRadio<StartPage>>().Select(r => r.Find("label").TextContent.Trim()));

        await page.InvokeAsync(() => choice.Instance.ValueChanged.InvokeAsync(StartPage.Plants));
        page.Find("[data-testid=start-page-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("Start page saved: Plants overview.", ctx.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(b => b.Message)));
        Assert.Equal(StartPage.Plants, await ctx.Services.GetRequiredService<StartPageService>().MineAsync());
        // Another member of the organisation keeps Home.
        await using var owner = _scenario.ContextFor(TenantRole.Owner);
        Assert.Equal(StartPage.Home, await owner.Services.GetRequiredService<StartPageService>().MineAsync());
    }
}
