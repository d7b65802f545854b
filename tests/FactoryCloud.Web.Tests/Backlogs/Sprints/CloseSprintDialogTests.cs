using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.ProductBacklog;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Backlogs.Sprints;
using FactoryCloud.Web.Tests.Backlogs.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Backlogs.Sprints;

public sealed class CloseSprintDialogTests : IAsyncLifetime
{
    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task UnfinishedItemsCarryOverToTheChosenSprintAndDoneOnesStay()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var (product, sprint, done, open) = await ActiveSprintAsync(ctx);
        var next = await CreateSprintAsync(ctx, product, "Sprint 2", 14);
        var (dialogs, dialog) = await ShowAsync(ctx, sprint, [next]);

        await BacklogScenario.SelectAsync<Guid?>(dialogs, "Carry unfinished items over to", next.Id);
        dialogs.Find("button[data-testid=close-sprint-confirm]").Click();

        var closed = Assert.IsType<SprintClosed>((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(15)))!.Data);
        Assert.Equal((1, (Guid?)next.Id, SprintState.Closed), (closed.CarriedOver, closed.CarriedTo, closed.Sprint.State));
        Assert.Equal(next.Id, (await BacklogScenario.ItemAsync(ctx, open.Id)).SprintId);
        Assert.Equal(sprint.Id, (await BacklogScenario.ItemAsync(ctx, done.Id)).SprintId);
    }

    [Fact]
    public async Task WithoutATargetUnfinishedItemsGoBackToTheBacklog()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var (_, sprint, done, open) = await ActiveSprintAsync(ctx);
        var (dialogs, dialog) = await ShowAsync(ctx, sprint, []);

        Assert.Contains("Done and cancelled items stay in Sprint 1; the others carry over.", dialogs.Markup, StringComparison.Ordinal);
        dialogs.Find("button[data-testid=close-sprint-confirm]").Click();

        var closed = Assert.IsType<SprintClosed>((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(15)))!.Data);
        Assert.Equal((1, (Guid?)null), (closed.CarriedOver, closed.CarriedTo));
        Assert.Null((await BacklogScenario.ItemAsync(ctx, open.Id)).SprintId);
        Assert.Equal(sprint.Id, (await BacklogScenario.ItemAsync(ctx, done.Id)).SprintId);
    }

    [Fact]
    public async Task ASprintThatIsNotActiveShowsWhyItCannotCloseAndStaysOpen()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Scrap tracker");
        var planned = await CreateSprintAsync(ctx, product, "Sprint 1", 0);
        var (dialogs, dialog) = await ShowAsync(ctx, planned, []);

        dialogs.Find("button[data-testid=close-sprint-confirm]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Only an active sprint can close.", dialogs.Markup, StringComparison.Ordinal));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(SprintState.Planned, (await Sprints(ctx).GetAsync(planned.Id))!.State);
    }

    /// <summary>An active "Sprint 1" holding a done item and an unfinished one.</summary>
    private static async Task<(ProductView Product, SprintView Sprint, BacklogRow Done, BacklogRow Open)> ActiveSprintAsync(BunitContext ctx)
    {
        var product = await BacklogScenario.CreateProductAsync(ctx, "Andon app");
        var sprint = await CreateSprintAsync(ctx, product, "Sprint 1", 0);
        var done = await BacklogScenario.AddAsync(ctx, product, "Andon call button");
        var open = await BacklogScenario.AddAsync(ctx, product, "Andon board");
        Assert.True((await Sprints(ctx).PlanAsync(sprint.Id, new PlanItemsRequest { Add = [done.Id, open.Id] })).Succeeded);
        Assert.True((await Sprints(ctx).StartAsync(sprint.Id)).Succeeded);
        await BacklogScenario.MoveAsync(ctx, done.Id, BacklogScenario.Column(product, "Done"));
        return (product, sprint, done, open);
    }

    private static async Task<SprintView> CreateSprintAsync(BunitContext ctx, ProductView product, string name, int startsInDays)
    {
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(startsInDays);
        var created = await Sprints(ctx).CreateAsync(product.Id, new SprintRequest { Name = name, StartDate = start, EndDate = start.AddDays(13) });
        return created.Value ?? throw new InvalidOperationException(created.Failure!.Message);
    }

    private static SprintService Sprints(BunitContext ctx) => ctx.Services.GetRequiredService<SprintService>();

    private static Task<(IRenderedComponent<MudDialogProvider> Dialogs, IDialogReference Dialog)> ShowAsync(BunitContext ctx, SprintView sprint, IReadOnlyList<SprintView> targets) =>
        BacklogScenario.ShowAsync(ctx, new DialogParameters<CloseSprintDialog> { { d => d.Sprint, sprint }, { d => d.Targets, targets } });
}
