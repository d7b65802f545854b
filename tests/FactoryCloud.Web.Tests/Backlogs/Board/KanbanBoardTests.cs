using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Board;
using FactoryCloud.Web.Features.Backlogs.ProductBacklog;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Tests.Backlogs.Shared;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Backlogs.Board;

public sealed class KanbanBoardTests : IAsyncLifetime
{
    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task ShowsTheProductWorkflowColumnsInOrderWithCardsCountsAndWipLimits()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Line 4 OEE app");
        product = await BacklogScenario.LimitAsync(ctx, product, "In development", 2);
        var story = await BacklogScenario.AddAsync(ctx, product, "Show OEE per shift");
        await BacklogScenario.AddAsync(ctx, product, "Export downtime");
        await BacklogScenario.MoveAsync(ctx, story.Id, BacklogScenario.Column(product, "In development"));

        var board = await RenderAsync(ctx, product);

        var headers = board.FindAll("[data-testid=board-column]");
        Assert.Equal(DefaultWorkflow.Columns.Select(c => c.Name), headers.Select(h => h.QuerySelector("h6, .mud-typography-subtitle2")!.TextContent.Trim()));
        Assert.Equal("1 / 2", Header(board, product, "In development").QuerySelector("[data-testid=board-column-count]")!.TextContent.Trim());
        Assert.Equal("1", Header(board, product, "Opportunity").QuerySelector("[data-testid=board-column-count]")!.TextContent.Trim());
        Assert.Equal(["Export downtime"], CardTitles(board, product, "Opportunity"));
        Assert.Equal(["Show OEE per shift"], CardTitles(board, product, "In development"));
    }

    [Fact]
    public async Task MovingACardPastTheWipLimitAsksForConfirmationAndMovesItOnlyWhenConfirmed()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Energy monitor");
        product = await BacklogScenario.LimitAsync(ctx, product, "In development", 1);
        var first = await BacklogScenario.AddAsync(ctx, product, "Meter import");
        var second = await BacklogScenario.AddAsync(ctx, product, "Energy per unit tile");
        var inDevelopment = BacklogScenario.Column(product, "In development");
        await BacklogScenario.MoveAsync(ctx, first.Id, inDevelopment);
        var dialogs = MembersScenario.RenderProviders(ctx);
        var board = await RenderAsync(ctx, product);

        // Declined: nothing moves.
        var declined = board.InvokeAsync(() => board.Instance.MoveAsync(second.Id, inDevelopment, 1));
        dialogs.WaitForAssertion(() => Assert.Contains("WIP limit reached", dialogs.Markup, StringComparison.Ordinal));
        Assert.Contains("its WIP limit is 1", dialogs.Markup, StringComparison.Ordinal);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        await declined;
        Assert.Equal(BacklogScenario.Column(product, "Opportunity"), (await BacklogScenario.ItemAsync(ctx, second.Id)).ColumnId);

        // Confirmed: the card moves and the column shows the breach.
        var confirmed = board.InvokeAsync(() => board.Instance.MoveAsync(second.Id, inDevelopment, 1));
        dialogs.WaitForAssertion(() => Assert.Contains("WIP limit reached", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Move anyway").Click();
        await confirmed;
        Assert.Equal(inDevelopment, (await BacklogScenario.ItemAsync(ctx, second.Id)).ColumnId);
        board.WaitForAssertion(() =>
        {
            Assert.Equal("true", Header(board, product, "In development").GetAttribute("data-breached"));
            Assert.Equal("2 / 1", Header(board, product, "In development").QuerySelector("[data-testid=board-column-count]")!.TextContent.Trim());
            Assert.Equal(["Meter import", "Energy per unit tile"], CardTitles(board, product, "In development"));
        });
    }

    [Fact]
    public async Task TheCardsMoveToMenuMovesItToTheEndOfAnotherColumnWithoutDragging()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Keyboard board");
        var first = await BacklogScenario.AddAsync(ctx, product, "Meter import");
        var second = await BacklogScenario.AddAsync(ctx, product, "Energy per unit tile");
        var inDevelopment = BacklogScenario.Column(product, "In development");
        await BacklogScenario.MoveAsync(ctx, first.Id, inDevelopment);
        var popovers = ctx.Render<MudPopoverProvider>();
        var board = await RenderAsync(ctx, product);

        var menu = board.Find($"[data-testid=board-card][data-id='{second.Id}'] [data-testid=card-move] button");
        Assert.Equal("Move Energy per unit tile to…", menu.GetAttribute("aria-label"));
        await menu.ClickAsync(new());
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll("[data-testid=card-move-to]")));
        var targets = popovers.FindAll("[data-testid=card-move-to]");
        Assert.DoesNotContain(targets, t => t.GetAttribute("data-column") == BacklogScenario.Column(product, "Opportunity").ToString());
        await targets.Single(t => t.GetAttribute("data-column") == inDevelopment.ToString()).ClickAsync(new());

        board.WaitForAssertion(() => Assert.Equal(["Meter import", "Energy per unit tile"], CardTitles(board, product, "In development")));
        Assert.Equal(inDevelopment, (await BacklogScenario.ItemAsync(ctx, second.Id)).ColumnId);
    }

    [Fact]
    public async Task AReadOnlyBoardShowsNoMoveToMenu()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Read-only board");
        await BacklogScenario.AddAsync(ctx, product, "Meter import");

        var board = ctx.Render<KanbanBoard>(p => p.Add(b => b.Product, product).Add(b => b.CanEdit, false));

        board.WaitForAssertion(() => Assert.Single(board.FindAll("[data-testid=board-card]")));
        Assert.Empty(board.FindAll("[data-testid=card-move]"));
    }

    [Fact]
    public async Task AStrictProductRefusesToGoPastTheWipLimitWithoutAsking()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Scrap tracker", WipMode.Strict);
        product = await BacklogScenario.LimitAsync(ctx, product, "In test", 1);
        var first = await BacklogScenario.AddAsync(ctx, product, "Scrap reasons");
        var second = await BacklogScenario.AddAsync(ctx, product, "Scrap Pareto");
        var inTest = BacklogScenario.Column(product, "In test");
        await BacklogScenario.MoveAsync(ctx, first.Id, inTest);
        var dialogs = MembersScenario.RenderProviders(ctx);
        var board = await RenderAsync(ctx, product);

        await board.InvokeAsync(() => board.Instance.MoveAsync(second.Id, inTest, 0));

        Assert.DoesNotContain("WIP limit reached", dialogs.Markup, StringComparison.Ordinal);
        board.WaitForAssertion(() => Assert.Contains("does not allow going past it", board.Find("[data-testid=board-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal(BacklogScenario.Column(product, "Opportunity"), (await BacklogScenario.ItemAsync(ctx, second.Id)).ColumnId);
        Assert.Equal(["Scrap reasons"], CardTitles(board, product, "In test"));
    }

    [Fact]
    public async Task DroppingACardOnTopOfAColumnPlacesItFirstThere()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Andon app");
        var a = await BacklogScenario.AddAsync(ctx, product, "A");
        var b = await BacklogScenario.AddAsync(ctx, product, "B");
        var c = await BacklogScenario.AddAsync(ctx, product, "C");
        var ready = BacklogScenario.Column(product, "Ready");
        await BacklogScenario.MoveAsync(ctx, a.Id, ready);
        await BacklogScenario.MoveAsync(ctx, b.Id, ready);
        var board = await RenderAsync(ctx, product);

        var zone = $"0|{ready}";
        var row = board.Instance.Board!.Lanes[0].Columns.Single(col => col.Column.Id == BacklogScenario.Column(product, "Opportunity")).Cards.Single();
        await board.InvokeAsync(() => board.FindComponent<MudDropContainer<BacklogRow>>().Instance.ItemDropped.InvokeAsync(new MudItemDropInfo<BacklogRow>(row, zone, 0)));

        board.WaitForAssertion(() => Assert.Equal(["C", "A", "B"], CardTitles(board, product, "Ready")));
        Assert.Equal(ready, (await BacklogScenario.ItemAsync(ctx, c.Id)).ColumnId);
    }

    [Fact]
    public async Task DroppingACardIntoAnotherAssigneesLaneReassignsItAndMovesItsColumn()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var (olivia, tessa) = (_scenario.Acme.Member(TenantRole.Owner).UserId, _scenario.Acme.Member(TenantRole.TeamMember).UserId);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Andon app");
        var call = await BacklogScenario.AddAsync(ctx, product, "Andon call button");
        var board2 = await BacklogScenario.AddAsync(ctx, product, "Andon board");
        await AssignAsync(ctx, product, olivia, call.Id);
        await AssignAsync(ctx, product, tessa, board2.Id);
        var board = await RenderAsync(ctx, product);
        await board.InvokeAsync(() => board.FindComponent<MudSelect<Swimlanes>>().Instance.ValueChanged.InvokeAsync(Swimlanes.Assignee));
        board.WaitForAssertion(() => Assert.Equal(["Olivia Owner", "Tessa Team"], board.Instance.Board!.Lanes.Select(l => l.Label)));

        var ready = BacklogScenario.Column(product, "Ready");
        await Drop(board, call.Id, $"1|{ready}");

        var moved = await BacklogScenario.ItemAsync(ctx, call.Id);
        Assert.Equal((tessa, ready), (moved.AssigneeId, moved.ColumnId));
        var history = (await ctx.Services.GetRequiredService<WorkItemDetailsService>().HistoryAsync(call.Id)).Value!;
        Assert.Contains(history, h => h.Field == WorkItemFields.Assignee && h.OldValue == olivia.ToString() && h.NewValue == tessa.ToString());
        board.WaitForAssertion(() => Assert.Equal(["Andon call button"], LaneCardTitles(board, product, "Tessa Team", "Ready")));
    }

    [Fact]
    public async Task DroppingAFeatureIntoAnotherEpicsLaneMovesItUnderThatEpicButAStoryKeepsItsFeature()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Energy monitor");
        var items = ctx.Services.GetRequiredService<WorkItemService>();
        var metering = await BacklogScenario.AddAsync(ctx, product, "Metering", WorkItemType.Epic);
        var reporting = await BacklogScenario.AddAsync(ctx, product, "Reporting", WorkItemType.Epic);
        var feature = (await items.QuickAddAsync(product.Id, new QuickAddRequest { Title = "Meter import", Type = WorkItemType.Feature, ParentId = metering.Id })).Value!;
        var story = (await items.QuickAddAsync(product.Id, new QuickAddRequest { Title = "Read meters", ParentId = feature.Id })).Value!;
        var board = await RenderAsync(ctx, product);
        await board.InvokeAsync(() => board.FindComponent<MudSelect<Swimlanes>>().Instance.ValueChanged.InvokeAsync(Swimlanes.Epic));
        board.WaitForAssertion(() => Assert.Equal(["Metering", "Reporting"], board.Instance.Board!.Lanes.Select(l => l.Label)));

        var opportunity = BacklogScenario.Column(product, "Opportunity");
        await Drop(board, story.Id, $"1|{opportunity}");
        board.WaitForAssertion(() => Assert.Contains("move the parent to the other epic", board.Find("[data-testid=board-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal(feature.Id, (await BacklogScenario.ItemAsync(ctx, story.Id)).ParentId);

        await Drop(board, feature.Id, $"1|{opportunity}");
        Assert.Equal(reporting.Id, (await BacklogScenario.ItemAsync(ctx, feature.Id)).ParentId);
        board.WaitForAssertion(() => Assert.Equal(["Meter import", "Reporting", "Read meters"], LaneCardTitles(board, product, "Reporting", "Opportunity")));
    }

    private static async Task AssignAsync(BunitContext ctx, ProductView product, Guid assignee, Guid item)
    {
        var edited = await ctx.Services.GetRequiredService<BulkEditService>().BulkEditAsync(product.Id, new BulkEditRequest { Ids = [item], AssigneeId = assignee });
        Assert.True(edited.Succeeded, edited.Failure?.Message);
    }

    private static Task Drop(IRenderedComponent<KanbanBoard> board, Guid cardId, string zone)
    {
        var row = board.Instance.Board!.Lanes.SelectMany(l => l.Columns).SelectMany(c => c.Cards).Single(c => c.Id == cardId);
        return board.InvokeAsync(() => board.FindComponent<MudDropContainer<BacklogRow>>().Instance.ItemDropped.InvokeAsync(new MudItemDropInfo<BacklogRow>(row, zone, 0)));
    }

    private static List<string> LaneCardTitles(IRenderedComponent<KanbanBoard> board, ProductView product, string lane, string column) =>
        board.FindAll($"[data-testid=board-zone][data-lane='{lane}'][data-column='{BacklogScenario.Column(product, column)}'] [data-testid=card-title]")
            .Select(t => t.TextContent.Trim()).ToList();

    private static async Task<IRenderedComponent<KanbanBoard>> RenderAsync(BunitContext ctx, ProductView product)
    {
        var board = ctx.Render<KanbanBoard>(p => p.Add(b => b.Product, product).Add(b => b.CanEdit, true));
        await Task.Yield();
        board.WaitForAssertion(() => Assert.NotNull(board.Instance.Board));
        return board;
    }

    private static AngleSharp.Dom.IElement Header(IRenderedComponent<KanbanBoard> board, ProductView product, string column) =>
        board.Find($"[data-testid=board-column][data-column='{BacklogScenario.Column(product, column)}']");

    private static List<string> CardTitles(IRenderedComponent<KanbanBoard> board, ProductView product, string column) =>
        board.FindAll($"[data-testid=board-zone][data-column='{BacklogScenario.Column(product, column)}'] [data-testid=card-title]").Select(t => t.TextContent.Trim()).ToList();
}
