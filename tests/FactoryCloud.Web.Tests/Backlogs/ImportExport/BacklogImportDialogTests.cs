using Bunit;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.ImportExport;
using FactoryCloud.Web.Tests.Backlogs.Shared;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Backlogs.ImportExport;

public sealed class BacklogImportDialogTests : IAsyncLifetime
{
    private const string Csv = "Title,Type,Estimate\r\nMeter import,Story,3\r\nEnergy tile,Saga,5\r\nDowntime export,Bug,\r\n";

    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task PreviewShowsEachRowsErrorsAndImportsNothingUntilBadRowsAreSkipped()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Energy monitor");
        var dialogs = MembersScenario.RenderProviders(ctx);
        var parameters = new DialogParameters<BacklogImportDialog> { { d => d.ProductId, product.Id } };
        var dialog = await dialogs.InvokeAsync(() => ctx.Services.GetRequiredService<IDialogService>().ShowAsync<BacklogImportDialog>("Import", parameters));

        dialogs.Find("textarea[data-testid=import-text]").Change(Csv);
        dialogs.Find("button[data-testid=import-preview]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("2 row(s) ready, 1 with errors.", dialogs.Find("[data-testid=import-summary]").TextContent.Trim()));
        var rows = dialogs.FindAll("[data-testid=import-row]");
        Assert.Equal(["true", "false", "true"], rows.Select(r => r.GetAttribute("data-valid")));
        Assert.Contains("Type 'Saga' is not one of", rows[1].TextContent, StringComparison.Ordinal);
        Assert.True(dialogs.Find("button[data-testid=import-submit]").HasAttribute("disabled"));

        // MudCheckBox puts the test id on its input or on its label, depending on the version.
        var skip = dialogs.Find("[data-testid=import-skip]");
        (skip.TagName == "INPUT" ? skip : skip.QuerySelector("input")!).Change(true);
        dialogs.WaitForAssertion(() => Assert.False(dialogs.Find("button[data-testid=import-submit]").HasAttribute("disabled")));
        dialogs.Find("button[data-testid=import-submit]").Click();

        var result = await dialog.Result;
        Assert.Equal(2, result!.Data);
        Assert.Equal(["Meter import", "Downtime export"], await BacklogScenario.RankedTitlesAsync(ctx, product));
    }
}
