using Bunit;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Common;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Maturity;
using FactoryCloud.Web.Features.Programs;
using FactoryCloud.Web.Features.Tenancy;
using FactoryCloud.Web.Features.Value;
using FactoryCloud.Web.Tests.Maturity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Programs;

public sealed class ProgramPageTests : IAsyncLifetime
{
    private readonly MaturityScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task ABusinessOwnerSeesEachSitesStageTargetEpicsNextAssessmentAndTimelineReadyToPrint()
    {
        var answers = DefaultMaturityModel.Create().Dimensions.ToDictionary(d => d.Key, d => d.Key == "connectivity" ? (1, 3) : (2, 2));
        var id = await _scenario.SeedAssessmentAsync(AssessmentStatus.Approved, answers);
        await using var ctx = ContextFor(TenantRole.Owner);
        var product = (await ctx.Services.GetRequiredService<ProductService>().CreateAsync(new ProductRequest { Name = "Connected plant" })).Value!;
        var epics = await ctx.Services.GetRequiredService<GapBacklogService>().CreateEpicsAsync(id, new GapBacklogRequest { ProductId = product.Id, Dimensions = ["connectivity"] });
        Assert.Null(epics.Failure);

        var page = ctx.Render<ProgramPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid^=program-site-]")), MaturityScenario.Patience);
        var site = page.Find("[data-testid^=program-site-]");
        Assert.Contains("Plant North", site.TextContent);
        Assert.Contains("Now 1 Ad hoc", site.QuerySelector("[data-testid=site-stage]")!.TextContent);
        Assert.Contains("target 2 Developing", site.QuerySelector("[data-testid=site-stage]")!.TextContent);
        Assert.Contains("Raise Connectivity", site.QuerySelector("[data-testid=site-epics]")!.TextContent);
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(Reassessment.MonthsBetweenAssessments);
        Assert.Contains(DisplayFormat.Date(due), site.QuerySelector("[data-testid=next-assessment]")!.TextContent);
        Assert.Contains("none measured in money yet", site.QuerySelector("[data-testid=site-value]")!.TextContent);
        Assert.Equal(["Assessment", "Reassessment"], site.QuerySelectorAll("[data-testid=site-timeline] [data-kind]").Select(e => e.GetAttribute("data-kind")));
        Assert.NotNull(page.Find("[data-testid=print-program]"));
        Assert.Contains("@media print", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOrganisationWithoutSitesIsToldWhereToStart()
    {
        await using var ctx = ContextFor(TenantRole.Viewer);

        var page = ctx.Render<ProgramPage>();

        page.WaitForAssertion(() => Assert.Contains("No site yet", page.Markup), MaturityScenario.Patience);
        Assert.Contains("No value measured in money yet.", page.Find("[data-testid=program-value]").TextContent);
    }

    [Fact]
    public async Task AnOwnerSetsTheNextReassessmentDateOnTheProgramAndADateBeforeTheAssessmentIsShownInline()
    {
        await _scenario.SeedAssessmentAsync(AssessmentStatus.Approved, new Dictionary<string, (int, int)> { ["connectivity"] = (1, 3) });
        await using var ctx = ContextFor(TenantRole.Owner);
        var page = ctx.Render<ProgramPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=next-assessment-change]")), MaturityScenario.Patience);
        Assert.Contains("(computed", page.Find("[data-testid=next-assessment]").TextContent);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        MudTextField<string> DateField() => page.FindComponents<MudTextField<string>>().Single(c => c.Instance.Label == "Next re-assessment").Instance;

        page.Find("[data-testid=next-assessment-change]").Click();
        await page.InvokeAsync(() => DateField().ValueChanged.InvokeAsync(today.AddDays(-3).ToString("yyyy-MM-dd")));
        page.Find("[data-testid=next-assessment-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("cannot come before this assessment was taken", page.Find("[data-testid=next-assessment-editor]").TextContent), MaturityScenario.Patience);

        var chosen = today.AddDays(40);
        await page.InvokeAsync(() => DateField().ValueChanged.InvokeAsync(chosen.ToString("yyyy-MM-dd")));
        page.Find("[data-testid=next-assessment-save]").Click();
        page.WaitForAssertion(() => Assert.Contains($"{DisplayFormat.Date(chosen)} (set)", page.Find("[data-testid=next-assessment]").TextContent), MaturityScenario.Patience);
        Assert.Empty(page.FindAll("[data-testid=next-assessment-editor]"));
    }

    [Fact]
    public async Task ViewersSeeTheNextDateButCannotChangeIt()
    {
        await _scenario.SeedAssessmentAsync(AssessmentStatus.Approved, new Dictionary<string, (int, int)> { ["connectivity"] = (1, 3) });
        await using var ctx = ContextFor(TenantRole.Viewer);

        var page = ctx.Render<ProgramPage>();

        page.WaitForAssertion(() => Assert.Contains("Next re-assessment", page.Find("[data-testid=next-assessment]").TextContent), MaturityScenario.Patience);
        Assert.Empty(page.FindAll("[data-testid=next-assessment-change]"));
    }

    [Fact]
    public async Task AnOrganisationWideAssessmentIsShownAndSaysWhyItIsNotValuedInMoney()
    {
        await using (var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Tenant.Id)))
        {
            var model = new MaturityModelVersion { ModelId = Guid.NewGuid(), Name = DefaultMaturityModel.Name, CreatedAt = DateTimeOffset.UtcNow, Definition = DefaultMaturityModel.Create() };
            var whole = new MaturityAssessment { ModelVersionId = model.Id, Title = "Group 2026", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            db.AddRange(model, whole);
            db.Add(new MaturityAnswer { AssessmentId = whole.Id, DimensionKey = "strategy", Stage = MaturityStage.AdHoc, TargetStage = MaturityStage.Established, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        await using var ctx = ContextFor(TenantRole.Viewer);

        var page = ctx.Render<ProgramPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=program-organisation]")), MaturityScenario.Patience);
        Assert.Contains("Group 2026", page.Find("[data-testid=program-organisation]").TextContent);
        Assert.Contains("1 open gap(s)", page.Find("[data-testid=organisation-stage]").TextContent);
        Assert.Equal(GapValueService.OrganisationNotValued, page.Find("[data-testid=organisation-not-valued]").TextContent.Trim());
    }

    [Fact]
    public async Task AMemberMakesTheProgramTheirStartPageInOneClickAndTheirColleagueKeepsHome()
    {
        await using var ctx = ContextFor(TenantRole.Owner);
        var page = ctx.Render<ProgramPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=make-start-page]")), MaturityScenario.Patience);
        Assert.Empty(page.FindAll("[data-testid=is-start-page]"));

        page.Find("[data-testid=make-start-page]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=is-start-page]")), MaturityScenario.Patience);
        Assert.Empty(page.FindAll("[data-testid=make-start-page]"));
        Assert.Equal("account/notifications#start-page", page.Find("[data-testid=is-start-page]").GetAttribute("href"));
        Assert.Equal(StartPage.Program, (await ctx.Services.GetRequiredService<StartPageService>().GetAsync()).Value!.StartPage);
        // Opened again, the page says it already is the start page.
        var again = ctx.Render<ProgramPage>();
        again.WaitForAssertion(() => Assert.NotNull(again.Find("[data-testid=is-start-page]")), MaturityScenario.Patience);

        // Only the Owner's own membership changed: the Viewer of the same organisation still starts at Home.
        await using var viewer = ContextFor(TenantRole.Viewer);
        var theirs = viewer.Render<ProgramPage>();
        theirs.WaitForAssertion(() => Assert.NotNull(theirs.Find("[data-testid=make-start-page]")), MaturityScenario.Patience);
        Assert.Equal(StartPage.Home, await viewer.Services.GetRequiredService<StartPageService>().MineAsync());
    }

    private Bunit.BunitContext ContextFor(TenantRole role) =>
        _scenario.ContextFor(role, services => services.AddValueInMoney().AddProgramView());
}
