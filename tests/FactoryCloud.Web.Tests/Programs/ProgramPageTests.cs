using Bunit;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Common;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Maturity;
using FactoryCloud.Web.Features.Programs;
using FactoryCloud.Web.Features.Value;
using FactoryCloud.Web.Tests.Maturity;
using Microsoft.Extensions.DependencyInjection;

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

    private Bunit.BunitContext ContextFor(TenantRole role) =>
        _scenario.ContextFor(role, services => services.AddValueInMoney().AddProgramView());
}
