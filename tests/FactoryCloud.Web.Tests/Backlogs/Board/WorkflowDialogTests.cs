using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Board;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Tests.Backlogs.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Backlogs.Board;

public sealed class WorkflowDialogTests : IAsyncLifetime
{
    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task SavesRenamedColumnsWipLimitsAndAnAddedColumnKeepingColumnIds()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Andon app");
        var (dialogs, dialog) = await ShowAsync(ctx, product);

        await SetAsync(dialogs, row: 1, name: "Discovery");
        await dialogs.InvokeAsync(() => dialogs.FindComponents<MudNumericField<int?>>()[3].Instance.ValueChanged.InvokeAsync(3));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Add column").Click();
        await SetAsync(dialogs, row: 9, name: "Monitoring");
        dialogs.Find("button[data-testid=workflow-save]").Click();

        Assert.False((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(15)))!.Canceled);
        var saved = (await Products(ctx).GetAsync(product.Id))!;
        Assert.Equal(["Opportunity", "Discovery", "Ready", "In development", "In test", "Deploying", "In operation", "Done", "Cancelled", "Monitoring"], saved.Columns.Select(c => c.Name));
        Assert.Equal(BacklogScenario.Column(product, "Analysis"), saved.Columns[1].Id);
        Assert.Equal((int?)3, saved.Columns.Single(c => c.Name == "In development").WipLimit);
        Assert.Equal(ColumnCategory.InProgress, saved.Columns[^1].Category);
    }

    [Fact]
    public async Task DuplicateNamesShowTheMessageAndSaveNothing()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Energy monitor");
        var (dialogs, dialog) = await ShowAsync(ctx, product);

        await SetAsync(dialogs, row: 1, name: "Ready");
        dialogs.Find("button[data-testid=workflow-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Column names must be distinct.", dialogs.Find("[data-testid=workflow-error]").TextContent, StringComparison.Ordinal));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal("Analysis", (await Products(ctx).GetAsync(product.Id))!.Columns[1].Name);
    }

    [Fact]
    public async Task RemovingAColumnThatHoldsItemsIsRefusedWithTheReason()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Scrap tracker");
        await BacklogScenario.AddAsync(ctx, product, "Scrap reasons");
        var (dialogs, dialog) = await ShowAsync(ctx, product);

        dialogs.FindAll("tr[data-testid=workflow-column]")[0].QuerySelector("button[aria-label='Remove column']")!.Click();
        dialogs.Find("button[data-testid=workflow-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("Move the items out of 'Opportunity' before removing it.", dialogs.Find("[data-testid=workflow-error]").TextContent.Trim()));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(9, (await Products(ctx).GetAsync(product.Id))!.Columns.Count);
    }

    private static Task SetAsync(IRenderedComponent<MudDialogProvider> dialogs, int row, string name) =>
        dialogs.InvokeAsync(() => dialogs.FindComponents<MudTextField<string>>()[row].Instance.ValueChanged.InvokeAsync(name));

    private static ProductService Products(BunitContext ctx) => ctx.Services.GetRequiredService<ProductService>();

    private static Task<(IRenderedComponent<MudDialogProvider> Dialogs, IDialogReference Dialog)> ShowAsync(BunitContext ctx, ProductView product) =>
        BacklogScenario.ShowAsync(ctx, new DialogParameters<WorkflowDialog> { { d => d.Product, product } });
}
