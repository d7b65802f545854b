using Bunit;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Maturity;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.Web.Tests.Maturity;

public sealed class QuestionnaireTests : IAsyncLifetime
{
    private readonly MaturityScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task PickingAStageSavesItAfterThePauseAndCountsItInTheProgress()
    {
        var id = await SeedAssessmentAsync(AssessmentStatus.Draft);
        await using var ctx = ContextFor(TenantRole.Owner);
        var page = Render(ctx, id);

        page.Find("[data-testid=stage-strategy-3]").Click();

        page.WaitForAssertion(() => Assert.Equal("Saved", page.Find("[data-testid=save-state-strategy]").TextContent.Trim()), MaturityScenario.Patience);
        Assert.Equal("1 of 10 answered", page.Find("[data-testid=progress]").TextContent.Trim());
        Assert.Equal("true", page.Find("[data-testid=stage-strategy-3]").GetAttribute("data-selected"));
        var answer = await AnswerAsync(id, "strategy");
        Assert.Equal(MaturityStage.Established, answer!.Stage);
        Assert.Null(answer.TargetStage); // targets are set deliberately, never guessed
    }

    [Fact]
    public async Task TheStageDescriptionsOfTheModelAreShownSideBySide()
    {
        var id = await SeedAssessmentAsync(AssessmentStatus.Draft);
        await using var ctx = ContextFor(TenantRole.Owner);
        var page = Render(ctx, id);

        var connectivity = DefaultMaturityModel.Create().Find(DefaultMaturityModel.ConnectivityKey)!;
        var cards = page.FindAll("[data-testid=dimension-connectivity] [role=radio]");
        Assert.Equal(6, cards.Count);
        Assert.Contains(connectivity.StageDescriptions[2], cards[3].TextContent);
        Assert.StartsWith("3 Established", cards[3].TextContent.Trim());
        Assert.Equal(10, page.FindAll("[data-testid^=dimension-]").Count);
    }

    [Fact]
    public async Task EvidenceAndASuggestedStageAreShownBesideEveryDimensionTheProductHasDataAbout()
    {
        var id = await SeedAssessmentAsync(AssessmentStatus.Draft);
        await using var ctx = ContextFor(TenantRole.Owner);
        var page = Render(ctx, id);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=dimension-connectivity] [data-testid=evidence-Connectivity]")), MaturityScenario.Patience);
        foreach (var (key, source) in new[] { ("data", "Data"), ("energy", "Energy"), ("analytics", "Analytics"), ("cybersecurity", "Cybersecurity"),
                     ("culture", "Organisation"), ("strategy", "Strategy"), ("automation", "Automation") })
            Assert.NotNull(page.Find($"[data-testid=dimension-{key}] [data-testid=evidence-{source}]"));
        // The product holds nothing about skills or digital twins: it says so instead of suggesting a stage.
        Assert.Contains("holds no data", page.Find("[data-testid=dimension-skills] [data-testid=no-product-data-skills]").TextContent);
        Assert.NotNull(page.Find("[data-testid=dimension-digital-twin] [data-testid=no-product-data-digital-twin]"));
        Assert.Empty(page.FindAll("[data-testid=dimension-skills] [data-testid^=suggested-]"));
        // The seeded site has no machines: nothing is connected yet; the rule is written out.
        Assert.Equal("0 Not started", page.Find("[data-testid=suggested-Connectivity]").TextContent.Trim());
        Assert.Contains("2 Developing: machines streaming ≥ 25 %.", page.Find("[data-testid=evidence-rule-connectivity]").TextContent);
        Assert.Contains("no data", page.Find("[data-testid=evidence-figure-streaming-share]").TextContent);

        page.Find("[data-testid=use-suggestion-Connectivity]").Click();
        page.WaitForAssertion(() => Assert.Equal("Saved", page.Find("[data-testid=save-state-connectivity]").TextContent.Trim()), MaturityScenario.Patience);
        Assert.Equal(MaturityStage.NotStarted, (await AnswerAsync(id, "connectivity"))!.Stage);
    }

    [Fact]
    public async Task ASelfAssessmentMoreThanOneStageFromTheDataIsFlagged()
    {
        var id = await SeedAssessmentAsync(AssessmentStatus.Draft);
        await using var ctx = ContextFor(TenantRole.Owner);
        var page = Render(ctx, id);
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=suggested-Connectivity]")), MaturityScenario.Patience);

        page.Find("[data-testid=stage-connectivity-1]").Click(); // one stage above the suggested 0: not flagged
        Assert.Empty(page.FindAll("[data-testid=evidence-flag-connectivity]"));

        page.Find("[data-testid=stage-connectivity-4]").Click();
        page.WaitForAssertion(() => Assert.Contains("(4 Advanced) is more than one stage", page.Find("[data-testid=evidence-flag-connectivity]").TextContent), MaturityScenario.Patience);
        page.WaitForAssertion(() => Assert.Equal("Saved", page.Find("[data-testid=save-state-connectivity]").TextContent.Trim()), MaturityScenario.Patience);
    }

    [Fact]
    public async Task AWrongEvidenceLinkIsShownInlineAndNotSaved()
    {
        var id = await SeedAssessmentAsync(AssessmentStatus.Draft);
        await using var ctx = ContextFor(TenantRole.Owner);
        var page = Render(ctx, id);

        page.Find("textarea[data-testid=links-energy]").Input("not a link");

        page.WaitForAssertion(() => Assert.StartsWith("Not saved", page.Find("[data-testid=save-state-energy]").TextContent.Trim()), MaturityScenario.Patience);
        Assert.Contains("'not a link' is not an http(s) link.", page.Find("[data-testid=dimension-energy]").TextContent);
        Assert.Null(await AnswerAsync(id, "energy"));
    }

    [Fact]
    public async Task AnApprovedAssessmentIsReadOnly()
    {
        var id = await SeedAssessmentAsync(AssessmentStatus.Approved);
        await using var ctx = ContextFor(TenantRole.Owner);
        var page = Render(ctx, id);

        Assert.Contains("read-only", page.Find("[data-testid=read-only]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=submit-assessment], [data-testid=approve-assessment], [data-testid^=use-suggestion-]"));
        page.Find("[data-testid=stage-strategy-4]").Click();
        await Task.Delay(100, Xunit.TestContext.Current.CancellationToken); // longer than the pause: a save would have happened
        Assert.Null(await AnswerAsync(id, "strategy"));
        Assert.Equal("false", page.Find("[data-testid=stage-strategy-4]").GetAttribute("data-selected"));
    }

    [Fact]
    public async Task AViewerReadsTheQuestionnaireWithoutChangingIt()
    {
        var id = await SeedAssessmentAsync(AssessmentStatus.Draft);
        await using var ctx = ContextFor(TenantRole.Viewer);
        var page = Render(ctx, id);

        Assert.NotNull(page.Find("[data-testid=read-only]"));
        page.Find("[data-testid=stage-energy-2]").Click();
        await Task.Delay(100, Xunit.TestContext.Current.CancellationToken);
        Assert.Null(await AnswerAsync(id, "energy"));
    }

    private IRenderedComponent<AssessmentPage> Render(Bunit.BunitContext ctx, Guid id)
    {
        var page = ctx.Render<AssessmentPage>(p => p.Add(c => c.Id, id).Add(c => c.DebounceMilliseconds, 20));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=progress]")), MaturityScenario.Patience);
        return page;
    }

    private Bunit.BunitContext ContextFor(TenantRole role) => _scenario.ContextFor(role);

    private Task<Guid> SeedAssessmentAsync(AssessmentStatus status) => _scenario.SeedAssessmentAsync(status);

    private async Task<MaturityAnswer?> AnswerAsync(Guid assessmentId, string key)
    {
        await using var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Tenant.Id));
        return await db.MaturityAnswers.AsNoTracking().FirstOrDefaultAsync(a => a.AssessmentId == assessmentId && a.DimensionKey == key);
    }
}
