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
    public async Task TelemetryEvidenceAndASuggestedStageAreShownBesideConnectivityAndDataOnly()
    {
        var id = await SeedAssessmentAsync(AssessmentStatus.Draft);
        await using var ctx = ContextFor(TenantRole.Owner);
        var page = Render(ctx, id);

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=dimension-connectivity] [data-testid=evidence-Connectivity]")), MaturityScenario.Patience);
        Assert.NotNull(page.Find("[data-testid=dimension-data] [data-testid=evidence-Data]"));
        Assert.Empty(page.FindAll("[data-testid=dimension-strategy] [data-testid^=evidence-]"));
        // The seeded site has no machines: nothing is connected yet.
        Assert.Equal("0 Not started", page.Find("[data-testid=suggested-Connectivity]").TextContent.Trim());

        page.Find("[data-testid=use-suggestion-Connectivity]").Click();
        page.WaitForAssertion(() => Assert.Equal("Saved", page.Find("[data-testid=save-state-connectivity]").TextContent.Trim()), MaturityScenario.Patience);
        Assert.Equal(MaturityStage.NotStarted, (await AnswerAsync(id, "connectivity"))!.Stage);
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
