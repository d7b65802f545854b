using Bunit;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Web.Common;
using FactoryCloud.Web.Features.Plants;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Plants;

public sealed class AssetFormDialogTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ASiteWithAnEmptyShiftWindowShowsWhyAndSavesOnceTheWindowIsFixed()
    {
        await using var ctx = WebTestContext.Create();
        var dialogs = MembersScenario.RenderProviders(ctx);
        var saved = new List<SiteRequest>();
        var model = new SiteRequest { Name = "Plant Lyon", Key = "lyon", TimeZone = "Europe/Paris" };
        var parameters = new DialogParameters<AssetFormDialog>
        {
            { d => d.Model, model },
            { d => d.Save, request => { saved.Add((SiteRequest)request); return Task.FromResult<Failure?>(null); } },
        };
        var reference = await dialogs.InvokeAsync(() => ctx.Services.GetRequiredService<IDialogService>().ShowAsync<AssetFormDialog>("Add site", parameters));
        dialogs.WaitForAssertion(() => dialogs.Find("#asset-form"), Patience);

        await dialogs.Find("[data-testid=add-shift]").ClickAsync(new());
        var editor = dialogs.FindComponent<ShiftCalendarEditor>();
        var row = Assert.Single(editor.Instance.Rows);
        row.End = row.Start;
        await dialogs.Find("form#asset-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Contains("must not start and end at the same time", dialogs.Find("[data-testid=asset-shifts-error]").TextContent), Patience);
        Assert.Empty(saved);

        row.End = TimeSpan.FromHours(14);
        await dialogs.Find("form#asset-form").SubmitAsync();

        var result = await reference.Result.WaitAsync(Patience, Xunit.TestContext.Current.CancellationToken);
        Assert.False(result!.Canceled);
        var site = Assert.Single(saved);
        Assert.Equal(new ShiftPattern(row.Day, new TimeOnly(6, 0), new TimeOnly(14, 0), ShiftWindowKind.Production), Assert.Single(site.Shifts));
    }
}
