using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.ProductBacklog;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Tests.Backlogs.Shared;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Backlogs.ProductBacklog;

public sealed class BacklogListTests : IAsyncLifetime
{
    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task ListsTheOpenItemsInRankOrderWithTheirTotal()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Line 4 OEE app");
        await BacklogScenario.AddAsync(ctx, product, "First");
        await BacklogScenario.AddAsync(ctx, product, "Second");
        var done = await BacklogScenario.AddAsync(ctx, product, "Already done");
        await BacklogScenario.AddAsync(ctx, product, "Third");
        await BacklogScenario.MoveAsync(ctx, done.Id, BacklogScenario.Column(product, "Done"));

        var list = await RenderAsync(ctx, product);

        Assert.Equal(["First", "Second", "Third"], Titles(list));
        Assert.StartsWith("3 item(s)", list.Find("[data-testid=backlog-total]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuickAddPutsTheNewItemAtTheEndOfTheRankedList()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Energy monitor");
        await BacklogScenario.AddAsync(ctx, product, "Meter import");
        var list = await RenderAsync(ctx, product);

        list.Find("input[data-testid=quick-add-title]").Change("Energy per unit tile");
        await list.Find("form[data-testid=quick-add]").SubmitAsync();

        list.WaitForAssertion(() => Assert.Equal(["Meter import", "Energy per unit tile"], Titles(list)));
        Assert.Equal(["Meter import", "Energy per unit tile"], await BacklogScenario.RankedTitlesAsync(ctx, product));
        Assert.Equal("", list.Find("input[data-testid=quick-add-title]").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task TheQuickAddedItemIsHighlightedAndScrolledIntoView()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Energy monitor");
        await BacklogScenario.AddAsync(ctx, product, "Meter import");
        var list = await RenderAsync(ctx, product);
        Assert.Empty(list.FindAll("[data-new=true]"));

        list.Find("input[data-testid=quick-add-title]").Change("Energy per unit tile");
        await list.Find("form[data-testid=quick-add]").SubmitAsync();

        list.WaitForAssertion(() => Assert.Equal("Energy per unit tile", list.Find("[data-new=true] [data-testid=backlog-row-title]").TextContent));
        var added = list.Find("[data-new=true]");
        Assert.Contains("fc-item-new", added.ClassList);
        var scroll = Assert.Single(ctx.JSInterop.Invocations, i => i.Identifier == "factoryCloud.scrollIntoView");
        Assert.Equal($"[data-testid=backlog-row][data-id='{added.GetAttribute("data-id")}']", scroll.Arguments[0]);
    }

    [Fact]
    public async Task QuickAddWithoutATitleShowsTheProblemInlineAndAddsNothing()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Scrap tracker");
        var list = await RenderAsync(ctx, product);

        await list.Find("form[data-testid=quick-add]").SubmitAsync();

        list.WaitForAssertion(() => Assert.Contains("Enter a title.", list.Markup, StringComparison.Ordinal));
        Assert.Empty(await BacklogScenario.RankedTitlesAsync(ctx, product));
        Assert.NotNull(list.Find("[data-testid=backlog-empty]"));
    }

    [Fact]
    public async Task FiltersByTypeTagAndTextNarrowTheList()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Andon app");
        await BacklogScenario.AddAsync(ctx, product, "Andon board per line");
        var bug = await BacklogScenario.AddAsync(ctx, product, "Andon light stays red", WorkItemType.Bug);
        await BacklogScenario.AddAsync(ctx, product, "Pump vibration alert", WorkItemType.Bug);
        var items = ctx.Services.GetRequiredService<BulkEditService>();
        var tagged = await items.BulkEditAsync(product.Id, new BulkEditRequest { Ids = [bug.Id], AddTags = ["safety"] });
        Assert.True(tagged.Succeeded);
        var list = await RenderAsync(ctx, product);

        var typeFilter = list.FindComponents<MudSelect<WorkItemType?>>().Single(s => s.Instance.Label == "Type");
        await list.InvokeAsync(() => typeFilter.Instance.ValueChanged.InvokeAsync(WorkItemType.Bug));
        list.WaitForAssertion(() => Assert.Equal(["Andon light stays red", "Pump vibration alert"], Titles(list)));

        list.Find("input[data-testid=filter-search]").Change("andon");
        list.WaitForAssertion(() => Assert.Equal(["Andon light stays red"], Titles(list)));

        await list.InvokeAsync(() => typeFilter.Instance.ValueChanged.InvokeAsync(null));
        list.WaitForAssertion(() => Assert.Equal(["Andon board per line", "Andon light stays red"], Titles(list)));

        list.Find("input[data-testid=filter-tag]").Change("safety");
        list.WaitForAssertion(() => Assert.Equal(["Andon light stays red"], Titles(list)));
    }

    [Fact]
    public async Task DroppingARowPersistsItsNewRankBetweenItsNeighbours()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Maintenance planner");
        await BacklogScenario.AddAsync(ctx, product, "A");
        await BacklogScenario.AddAsync(ctx, product, "B");
        await BacklogScenario.AddAsync(ctx, product, "C");
        await BacklogScenario.AddAsync(ctx, product, "D");
        var list = await RenderAsync(ctx, product);

        var d = list.Instance.Rows.Single(r => r.Title == "D");
        await list.InvokeAsync(() => list.Instance.OnDroppedAsync(new MudItemDropInfo<BacklogRow>(d, "backlog", 1)));
        var a = list.Instance.Rows.Single(r => r.Title == "A");
        await list.InvokeAsync(() => list.Instance.OnDroppedAsync(new MudItemDropInfo<BacklogRow>(a, "backlog", 3)));

        // D dropped at index 1 lands after A (A, D, B, C); A dropped at the end lands after C.
        Assert.Equal(["D", "B", "C", "A"], await BacklogScenario.RankedTitlesAsync(ctx, product));
        list.WaitForAssertion(() => Assert.Equal(["D", "B", "C", "A"], Titles(list)));
    }

    private static async Task<IRenderedComponent<BacklogList>> RenderAsync(BunitContext ctx, ProductView product)
    {
        MembersScenario.RenderProviders(ctx);
        var list = ctx.Render<BacklogList>(p => p.Add(b => b.Product, product).Add(b => b.CanEdit, true));
        await Task.Yield();
        list.WaitForAssertion(() => Assert.Empty(list.FindAll(".mud-progress-linear")));
        return list;
    }

    private static List<string> Titles(IRenderedComponent<BacklogList> list) =>
        list.FindAll("[data-testid=backlog-row-title]").Select(t => t.TextContent.Trim()).ToList();
}
