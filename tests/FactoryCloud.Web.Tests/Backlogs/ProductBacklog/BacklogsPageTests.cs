using Bunit;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs.ProductBacklog;
using FactoryCloud.Web.Features.Tenancy;
using FactoryCloud.Web.Tests.Backlogs.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Backlogs.ProductBacklog;

public sealed class BacklogsPageTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task ATeamMemberMakesTheBacklogsPageTheirStartPageInOneClick()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        await BacklogScenario.CreateProductAsync(ctx, "Line 4 OEE app");
        var page = ctx.Render<BacklogsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=make-start-page]")), Patience);
        page.WaitForAssertion(() => Assert.Contains("Line 4 OEE app", page.Markup, StringComparison.Ordinal), Patience);

        await page.Find("[data-testid=make-start-page]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=is-start-page]")), Patience);
        Assert.Empty(page.FindAll("[data-testid=make-start-page]"));
        Assert.Equal(StartPage.Backlogs, await ctx.Services.GetRequiredService<StartPageService>().MineAsync(Xunit.TestContext.Current.CancellationToken));
    }
}
