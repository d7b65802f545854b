using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Backlogs.Shared;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Tests.Backlogs.Shared;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Backlogs.WorkItems;

public sealed class BulkEditDialogTests : IAsyncLifetime
{
    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task AppliesStateAssigneePriorityAndTagsToTheSelectedItemsOnly()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Andon app");
        var a = await BacklogScenario.AddAsync(ctx, product, "Andon call button");
        var b = await BacklogScenario.AddAsync(ctx, product, "Andon board");
        var untouched = await BacklogScenario.AddAsync(ctx, product, "Andon report");
        var tessa = _scenario.Acme.Member(TenantRole.TeamMember).UserId;
        var (dialogs, dialog) = await ShowAsync(ctx, product, [a.Id, b.Id], [new Person(tessa, "Tessa Team")]);

        await BacklogScenario.SelectAsync<Guid?>(dialogs, "State", BacklogScenario.Column(product, "Ready"));
        await BacklogScenario.SelectAsync<Guid?>(dialogs, "Assignee", tessa);
        await BacklogScenario.SelectAsync<WorkItemPriority?>(dialogs, "Priority", WorkItemPriority.High);
        dialogs.Find("input[data-testid=bulk-add-tags]").Change("Q4, energy");
        dialogs.Find("button[data-testid=bulk-apply]").Click();

        Assert.Equal(2, (await dialog.Result.WaitAsync(TimeSpan.FromSeconds(15)))!.Data);
        foreach (var id in new[] { a.Id, b.Id })
        {
            var item = await BacklogScenario.ItemAsync(ctx, id);
            Assert.Equal((BacklogScenario.Column(product, "Ready"), tessa, WorkItemPriority.High), (item.ColumnId, item.AssigneeId, item.Priority));
            Assert.Equal(["energy", "q4"], item.Tags);
        }
        var other = await BacklogScenario.ItemAsync(ctx, untouched.Id);
        Assert.Equal((BacklogScenario.Column(product, "Opportunity"), (Guid?)null, WorkItemPriority.Medium), (other.ColumnId, other.AssigneeId, other.Priority));
        Assert.Empty(other.Tags);
    }

    [Fact]
    public async Task AnInvalidTagShowsItsMessageKeepsTheDialogOpenAndChangesNothing()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Energy monitor");
        var item = await BacklogScenario.AddAsync(ctx, product, "Meter import");
        var (dialogs, dialog) = await ShowAsync(ctx, product, [item.Id]);

        await BacklogScenario.SelectAsync<WorkItemPriority?>(dialogs, "Priority", WorkItemPriority.Critical);
        dialogs.Find("input[data-testid=bulk-add-tags]").Change(new string('t', 41));
        dialogs.Find("button[data-testid=bulk-apply]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("40 characters", dialogs.Find("[data-testid=bulk-error]").TextContent, StringComparison.Ordinal));
        Assert.False(dialog.Result.IsCompleted);
        var unchanged = await BacklogScenario.ItemAsync(ctx, item.Id);
        Assert.Equal((WorkItemPriority.Medium, 0), (unchanged.Priority, unchanged.Tags.Count));
    }

    [Fact]
    public async Task PastAWipLimitItAsksAndMovesTheItemsOnlyWhenConfirmed()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Scrap tracker");
        product = await BacklogScenario.LimitAsync(ctx, product, "Ready", 1);
        var a = await BacklogScenario.AddAsync(ctx, product, "Scrap reasons");
        var b = await BacklogScenario.AddAsync(ctx, product, "Scrap Pareto");
        var (dialogs, dialog) = await ShowAsync(ctx, product, [a.Id, b.Id]);

        await BacklogScenario.SelectAsync<Guid?>(dialogs, "State", BacklogScenario.Column(product, "Ready"));
        dialogs.Find("button[data-testid=bulk-apply]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("WIP limit reached", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(BacklogScenario.Column(product, "Opportunity"), (await BacklogScenario.ItemAsync(ctx, a.Id)).ColumnId);
        dialogs.FindAll("button").Single(x => x.TextContent.Trim() == "Go past it").Click();

        Assert.Equal(2, (await dialog.Result.WaitAsync(TimeSpan.FromSeconds(15)))!.Data);
        Assert.Equal(BacklogScenario.Column(product, "Ready"), (await BacklogScenario.ItemAsync(ctx, a.Id)).ColumnId);
        Assert.Equal(BacklogScenario.Column(product, "Ready"), (await BacklogScenario.ItemAsync(ctx, b.Id)).ColumnId);
    }

    private static Task<(IRenderedComponent<MudDialogProvider> Dialogs, IDialogReference Dialog)> ShowAsync(
        BunitContext ctx, ProductView product, List<Guid> ids, IReadOnlyList<Person>? people = null) =>
        BacklogScenario.ShowAsync(ctx, new DialogParameters<BulkEditDialog> { { d => d.Product, product }, { d => d.Ids, ids }, { d => d.People, people ?? [] } });
}
