using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Hypotheses;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Tests.Backlogs.Shared;

namespace FactoryCloud.Web.Tests.Backlogs.Hypotheses;

/// <summary>
/// Found in the program value journey (e2e): after "Done" the epic's page said only "measured not yet", and a business
/// owner could not tell when the value would show. The hypothesis now says when each window is measured.
/// </summary>
public sealed class WorkItemHypothesisTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Done = new(2026, 3, 2, 10, 15, 0, TimeSpan.Zero);
    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task ADoneItemSaysWhenItsOutcomeShowsAndAMeasuredOneSaysNothingMore()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Press uptime");
        var story = await BacklogScenario.AddAsync(ctx, product, "Fix the jam sensor");
        var item = await BacklogScenario.ItemAsync(ctx, story.Id);

        var hypothesis = Hypothesis(story.Id, periodDays: 1) with { BaselineValue = 0.5, BaselineFrom = Done.AddDays(-1), BaselineTo = Done.AddMinutes(-5), DoneAt = Done };
        var rendered = ctx.Render<WorkItemHypothesis>(p => p.Add(c => c.Item, item with { Hypothesis = hypothesis }));

        Assert.Contains("Baseline 0.5, measured not yet", rendered.Find("[data-testid=hypothesis-outcome]").TextContent);
        Assert.Equal("The outcome is measured over the day after done: it shows from 3 Mar 2026 10:15 UTC.", rendered.Find("[data-testid=hypothesis-when]").TextContent.Trim());

        rendered.Render(p => p.Add(c => c.Item, item with { Hypothesis = hypothesis with { MeasuredValue = 0.98, MeasuredFrom = Done, MeasuredTo = Done.AddDays(1) } }));
        Assert.Contains("measured 0.98", rendered.Find("[data-testid=hypothesis-outcome]").TextContent);
        Assert.Empty(rendered.FindAll("[data-testid=hypothesis-when]"));
    }

    [Fact]
    public void BeforeWorkStartsAndWhileInProgressItSaysWhichWindowsAreMeasured()
    {
        var item = Guid.NewGuid();
        Assert.Equal("The baseline is measured over the 14 days before work starts (the item's first move into progress), the outcome over the 14 days after it is done.",
            WorkItemHypothesis.WhenMeasured(Hypothesis(item, periodDays: 14)));
        Assert.Equal("The outcome is measured over the 14 days after the item is done.",
            WorkItemHypothesis.WhenMeasured(Hypothesis(item, periodDays: 14) with { BaselineFrom = Done.AddDays(-14), BaselineTo = Done }));
    }

    private static HypothesisView Hypothesis(Guid item, int periodDays) =>
        new(Guid.NewGuid(), item, HypothesisKpi.Availability, AssetKind.Site, Guid.NewGuid(), 0.1, periodDays, null, null, null, null, null, null, null, null, null);
}
