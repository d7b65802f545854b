using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Tests.Backlogs.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Backlogs.Products;

public sealed class CustomFieldsDialogTests : IAsyncLifetime
{
    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task AddsASelectFieldWithItsOptionsAndListsIt()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Andon app");
        var (dialogs, _) = await ShowAsync(ctx, product);

        dialogs.Find("input[data-testid=field-name]").Change("Plant area");
        await BacklogScenario.SelectAsync(dialogs, "Kind", CustomFieldKind.SingleSelect);
        await dialogs.InvokeAsync(() => dialogs.FindComponents<MudTextField<string>>().Single(t => t.Instance.Label!.StartsWith("Options", StringComparison.Ordinal)).Instance.ValueChanged.InvokeAsync("Press shop, Paint shop"));
        dialogs.Find("button[data-testid=field-save]").Click();
        Assert.DoesNotContain("A select field needs at least one option.", dialogs.Markup, StringComparison.Ordinal);

        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("tr[data-testid=custom-field]")));
        var field = Assert.Single((await Products(ctx).GetAsync(product.Id))!.CustomFields);
        Assert.Equal(("Plant area", CustomFieldKind.SingleSelect), (field.Name, field.Kind));
        Assert.Equal(["Press shop", "Paint shop"], field.Options);
    }

    [Fact]
    public async Task ASelectFieldWithoutOptionsShowsTheMessageAndAddsNothing()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Energy monitor");
        var (dialogs, _) = await ShowAsync(ctx, product);

        dialogs.Find("input[data-testid=field-name]").Change("Meter type");
        await BacklogScenario.SelectAsync(dialogs, "Kind", CustomFieldKind.MultiSelect);
        dialogs.Find("button[data-testid=field-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("A select field needs at least one option.", dialogs.Markup, StringComparison.Ordinal));
        Assert.Empty(dialogs.FindAll("tr[data-testid=custom-field]"));
        Assert.Empty((await Products(ctx).GetAsync(product.Id))!.CustomFields);
    }

    private static ProductService Products(BunitContext ctx) => ctx.Services.GetRequiredService<ProductService>();

    private static Task<(IRenderedComponent<MudDialogProvider> Dialogs, IDialogReference Dialog)> ShowAsync(BunitContext ctx, ProductView product) =>
        BacklogScenario.ShowAsync(ctx, new DialogParameters<CustomFieldsDialog> { { d => d.Product, product } });
}
