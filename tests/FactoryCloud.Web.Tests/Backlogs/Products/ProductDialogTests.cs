using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Backlogs.Shared;
using FactoryCloud.Web.Tests.Backlogs.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Backlogs.Products;

public sealed class ProductDialogTests : IAsyncLifetime
{
    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task SavesTheNameOwnerStrictWipAndPointScale()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var olivia = _scenario.Acme.Member(TenantRole.Owner).UserId;
        var (dialogs, dialog) = await ShowAsync(ctx, [new Person(olivia, "Olivia Owner")]);

        // One business-owner field: the member chosen is the name shown.
        Assert.Contains("Business owner", dialogs.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("name shown", dialogs.Markup, StringComparison.Ordinal);
        dialogs.Find("input[data-testid=product-name]").Change("Press line OEE");
        await BacklogScenario.SelectAsync<Guid?>(dialogs, "Business owner", olivia);
        await dialogs.InvokeAsync(() => dialogs.FindComponent<MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(true));
        dialogs.Find("input[data-testid=product-scale]").Change("1, 2, 4, 8");
        BacklogScenario.SubmitByButton(dialogs, "product-save");

        Assert.False((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(15)))!.Canceled);
        var saved = Assert.Single(await Products(ctx).ListAsync());
        Assert.Equal(("Press line OEE", (Guid?)olivia, "Olivia Owner", WipMode.Strict), (saved.Name, saved.BusinessOwnerId, saved.BusinessOwnerName, saved.WipMode));
        Assert.Equal([1, 2, 4, 8], saved.PointScale);
    }

    [Theory]
    [InlineData("1, x", "'x' is not a number.")]
    [InlineData("3, 2", "Point values must be strictly ascending.")]
    public async Task ABadPointScaleShowsItsMessageAndCreatesNoProduct(string scale, string message)
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var (dialogs, dialog) = await ShowAsync(ctx, []);

        dialogs.Find("input[data-testid=product-name]").Change("Energy monitor");
        dialogs.Find("input[data-testid=product-scale]").Change(scale);
        BacklogScenario.SubmitByButton(dialogs, "product-save");

        dialogs.WaitForAssertion(() => Assert.Contains(message, dialogs.Markup, StringComparison.Ordinal));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Empty(await Products(ctx).ListAsync());
    }

    [Fact]
    public async Task AnEmptyNameShowsItsMessageAndCreatesNoProduct()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var (dialogs, dialog) = await ShowAsync(ctx, []);

        BacklogScenario.SubmitByButton(dialogs, "product-save");

        dialogs.WaitForAssertion(() => Assert.Contains("Enter a name.", dialogs.Markup, StringComparison.Ordinal));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Empty(await Products(ctx).ListAsync());
    }

    private static ProductService Products(BunitContext ctx) => ctx.Services.GetRequiredService<ProductService>();

    private static Task<(IRenderedComponent<MudDialogProvider> Dialogs, IDialogReference Dialog)> ShowAsync(BunitContext ctx, IReadOnlyList<Person> people) =>
        BacklogScenario.ShowAsync(ctx, new DialogParameters<ProductDialog>
        {
            { d => d.Model, new ProductRequest() }, { d => d.People, people },
            { d => d.Save, async m => (await Products(ctx).CreateAsync(m)).Failure },
        });
}
