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

namespace FactoryCloud.Web.Tests.Backlogs.WorkItems;

public sealed class WorkItemFormTests : IAsyncLifetime
{
    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task SavesTheEditedFieldsWithHistoryAndReportsTheSavedItem()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Andon app");
        var feature = await BacklogScenario.AddAsync(ctx, product, "Andon", WorkItemType.Feature);
        var story = await BacklogScenario.AddAsync(ctx, product, "Call button");
        WorkItemView? saved = null;
        var form = await RenderAsync(ctx, product, story.Id, [feature], v => saved = v);

        form.Find("input[data-testid=item-title-input]").Change("Call button at every station");
        await form.InvokeAsync(() => Select<double?>(form, "Estimate (points)").ValueChanged.InvokeAsync(5));
        await form.InvokeAsync(() => Select<Guid?>(form, "Parent").ValueChanged.InvokeAsync(feature.Id));
        await form.InvokeAsync(() => Select<WorkItemPriority>(form, "Priority").ValueChanged.InvokeAsync(WorkItemPriority.High));
        form.Find("input[data-testid=item-tags]").Change("MES, ui");
        form.Find("button[data-testid=item-save]").Click();

        form.WaitForAssertion(() => Assert.NotNull(saved));
        var item = await BacklogScenario.ItemAsync(ctx, story.Id);
        Assert.Equal(("Call button at every station", (double?)5, (Guid?)feature.Id, WorkItemPriority.High), (item.Title, item.Estimate, item.ParentId, item.Priority));
        Assert.Equal(["mes", "ui"], item.Tags);
        Assert.Equal(item.Version, saved!.Version);
        var history = (await ctx.Services.GetRequiredService<WorkItemDetailsService>().HistoryAsync(story.Id)).Value!;
        Assert.Contains(history, h => h.Field == WorkItemFields.Title && h.OldValue == "Call button" && h.NewValue == "Call button at every station");
    }

    [Fact]
    public async Task AnEmptyTitleShowsItsMessageAndSavesNothing()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Energy monitor");
        var story = await BacklogScenario.AddAsync(ctx, product, "Meter import");
        var form = await RenderAsync(ctx, product, story.Id, []);

        form.Find("input[data-testid=item-title-input]").Change("");
        form.Find("button[data-testid=item-save]").Click();

        form.WaitForAssertion(() => Assert.Contains("Enter a title.", form.Markup, StringComparison.Ordinal));
        Assert.Equal("Meter import", (await BacklogScenario.ItemAsync(ctx, story.Id)).Title);
    }

    [Fact]
    public async Task AParentTheHierarchyRefusesIsShownAtTheParentFieldAndNothingIsSaved()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Scrap tracker");
        var epic = await BacklogScenario.AddAsync(ctx, product, "Scrap insight", WorkItemType.Epic);
        var story = await BacklogScenario.AddAsync(ctx, product, "Scrap reasons");
        var form = await RenderAsync(ctx, product, story.Id, [epic]);

        form.Find("input[data-testid=item-title-input]").Change("Scrap reasons per shift");
        await form.InvokeAsync(() => Select<Guid?>(form, "Parent").ValueChanged.InvokeAsync(epic.Id));
        form.Find("button[data-testid=item-save]").Click();

        form.WaitForAssertion(() => Assert.Contains("A Story goes under Feature, not under a Epic.", form.Markup, StringComparison.Ordinal));
        Assert.Empty(form.FindAll("[data-testid=item-error]"));
        var item = await BacklogScenario.ItemAsync(ctx, story.Id);
        Assert.Equal(("Scrap reasons", (Guid?)null), (item.Title, item.ParentId));
    }

    [Fact]
    public async Task AnEditOfAnItemSomeoneElseChangedMeanwhileIsRefusedWithAMessage()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Andon board");
        var story = await BacklogScenario.AddAsync(ctx, product, "Board layout");
        var form = await RenderAsync(ctx, product, story.Id, []);
        var items = ctx.Services.GetRequiredService<WorkItemService>();
        Assert.True((await items.UpdateAsync(story.Id, new WorkItemRequest { Title = "Their title", Version = story.Version })).Succeeded);

        form.Find("input[data-testid=item-title-input]").Change("My title");
        form.Find("button[data-testid=item-save]").Click();

        form.WaitForAssertion(() => Assert.Contains("Someone else changed this item", form.Find("[data-testid=item-error]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Their title", (await BacklogScenario.ItemAsync(ctx, story.Id)).Title);
    }

    private static async Task<IRenderedComponent<WorkItemForm>> RenderAsync(
        BunitContext ctx, ProductView product, Guid itemId, IReadOnlyList<BacklogRow> parents, Action<WorkItemView>? onSaved = null)
    {
        var item = await BacklogScenario.ItemAsync(ctx, itemId);
        MembersScenario.RenderProviders(ctx);
        return ctx.Render<WorkItemForm>(p => p.Add(f => f.Item, item).Add(f => f.Product, product).Add(f => f.Parents, parents)
            .Add(f => f.CanEdit, true).Add(f => f.OnSaved, onSaved ?? (_ => { })));
    }

    private static MudSelect<T> Select<T>(IRenderedComponent<WorkItemForm> form, string label) =>
        form.FindComponents<MudSelect<T>>().Single(s => s.Instance.Label == label).Instance;
}
