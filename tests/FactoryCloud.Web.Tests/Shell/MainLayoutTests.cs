using Bunit;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Components.Layout;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Extensions;

namespace FactoryCloud.Web.Tests.Shell;

public sealed class MainLayoutTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private SeededTenant _acme = default!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _acme = await _database.SeedTenantAsync("Acme Works", ("olivia@acme.test", "Olivia", TenantRole.Owner));
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task SignedInMemberSeesTheAppBarWithTenantSwitcherThemeToggleAndUserMenu()
    {
        await using var ctx = SignedInContext();

        var cut = RenderLayout(ctx);

        var appBar = cut.FindComponent<MudAppBar>();
        Assert.Contains("FactoryCloud", appBar.Markup);
        Assert.Contains("Acme Works", appBar.Find("[data-testid=tenant-switcher]").TextContent);
        Assert.NotNull(appBar.Find("[data-testid=theme-toggle]"));
        Assert.NotNull(appBar.Find("[data-testid=user-menu]"));
        Assert.Equal("Page body", cut.Find("#body").TextContent);
        Assert.NotNull(cut.FindComponent<NavMenu>());
    }

    [Fact]
    public async Task AnonymousVisitorSeesNoUserMenuTenantSwitcherOrThemeToggle()
    {
        await using var ctx = WebTestContext.Create(_database);
        ctx.AddAuthorization().SetNotAuthorized();

        var cut = RenderLayout(ctx);

        Assert.Empty(cut.FindAll("[data-testid=user-menu]"));
        Assert.Empty(cut.FindAll("[data-testid=tenant-switcher]"));
        Assert.Empty(cut.FindAll("[data-testid=theme-toggle]"));
        Assert.Equal("Page body", cut.Find("#body").TextContent);
    }

    [Fact]
    public async Task ThemeToggleSwitchesDarkModeOnAndOffAndRemembersTheChoice()
    {
        await using var ctx = SignedInContext();
        var cut = RenderLayout(ctx);
        var theme = cut.FindComponent<MudThemeProvider>();
        Assert.False(theme.Instance.GetState(x => x.IsDarkMode));

        await cut.Find("[data-testid=theme-toggle]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.True(theme.Instance.GetState(x => x.IsDarkMode)));
        Assert.Equal("Light theme", cut.FindComponent<MudTooltip>().Instance.Text);

        await cut.Find("[data-testid=theme-toggle]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.False(theme.Instance.GetState(x => x.IsDarkMode)));

        var saved = ctx.JSInterop.Invocations["factoryCloud.setTheme"].Select(i => i.Arguments.Single()).ToList();
        Assert.Equal(["dark", "light"], saved);
    }

    [Fact]
    public async Task SavedDarkThemeIsRestoredOnFirstRender()
    {
        await using var ctx = SignedInContext();
        ctx.JSInterop.Setup<string?>("factoryCloud.getTheme").SetResult("dark");

        var cut = RenderLayout(ctx);

        var theme = cut.FindComponent<MudThemeProvider>();
        cut.WaitForAssertion(() => Assert.True(theme.Instance.GetState(x => x.IsDarkMode)));
    }

    [Fact]
    public async Task WithoutSavedThemeTheSystemPreferenceIsUsed()
    {
        await using var ctx = SignedInContext();
        ctx.JSInterop.Setup<string?>("factoryCloud.getTheme").SetResult(null);
        ctx.JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(true);

        var cut = RenderLayout(ctx);

        var theme = cut.FindComponent<MudThemeProvider>();
        cut.WaitForAssertion(() => Assert.True(theme.Instance.GetState(x => x.IsDarkMode)));
    }

    [Fact]
    public async Task MenuButtonTogglesTheNavigationDrawer()
    {
        await using var ctx = SignedInContext();
        var cut = RenderLayout(ctx);
        var drawer = cut.FindComponent<MudDrawer>();
        // A responsive drawer may start closed on a narrow (here: unknown) screen; the button flips whatever it is.
        var initiallyOpen = drawer.Instance.GetState(x => x.Open);

        await cut.Find("button[aria-label='Toggle navigation']").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(!initiallyOpen, drawer.Instance.GetState(x => x.Open)));

        await cut.Find("button[aria-label='Toggle navigation']").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(initiallyOpen, drawer.Instance.GetState(x => x.Open)));
    }

    [Fact]
    public async Task TenantSwitcherListsEveryOrganisationOfTheUserAndDisablesTheActiveOne()
    {
        var olivia = _acme.Member(TenantRole.Owner);
        var globex = await _database.SeedTenantAsync("Globex", ("gary@globex.test", null, TenantRole.Owner));
        await _database.AddMembershipAsync(globex.Id, olivia.UserId, TenantRole.Viewer);
        await using var ctx = SignedInContext();
        var cut = RenderLayout(ctx);

        await cut.Find("[data-testid=tenant-switcher] button").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindComponents<MudMenuItem>().Count));
        var items = cut.FindComponents<MudMenuItem>().ToDictionary(i => i.Find("*").TextContent.Trim(), i => i.Instance.Disabled);
        Assert.Equal(new Dictionary<string, bool> { ["Acme Works Owner"] = true, ["Globex Viewer"] = false }, items);
    }

    [Fact]
    public async Task SignOutPostsTheHiddenSignOutForm()
    {
        await using var ctx = SignedInContext();
        var cut = RenderLayout(ctx);
        Assert.Equal("account/logout", cut.Find("form#sign-out-form").GetAttribute("action"));

        await cut.Find("[data-testid=user-menu] button").ClickAsync(new());
        var signOut = cut.WaitForElement("[data-testid=sign-out]");
        await signOut.ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("sign-out-form", Assert.Single(ctx.JSInterop.Invocations["factoryCloud.submitForm"]).Arguments[0]));
    }

    [Fact]
    public async Task AnOrganisationScheduledForDeletionShowsTheHoldInsteadOfThePage()
    {
        await using var ctx = WebTestContext.Create(_database);
        var purgeAfter = new DateTimeOffset(2027, 1, 5, 23, 40, 0, TimeSpan.Zero);
        ctx.SignIn(_acme.Member(TenantRole.Owner), _acme.MembershipAs(TenantRole.Owner) with { DeletionPurgeAfter = purgeAfter });

        var cut = RenderLayout(ctx);

        Assert.Empty(cut.FindAll("#body"));
        Assert.Contains("scheduled for deletion on 5 Jan 2027, 23:40 (UTC)", cut.Find("[data-testid=deletion-date]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=restore-organisation]"));
        Assert.NotNull(cut.Find("[data-testid=tenant-switcher]")); // other organisations stay a click away
    }

    private BunitContext SignedInContext()
    {
        var ctx = WebTestContext.Create(_database);
        ctx.SignIn(_acme.Member(TenantRole.Owner), _acme.MembershipAs(TenantRole.Owner));
        return ctx;
    }

    private static IRenderedComponent<MainLayout> RenderLayout(BunitContext ctx) =>
        ctx.Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=\"body\">Page body</p>"))));
}
