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

    [Fact]
    public async Task NothingIsCalledMissingBeforeItWasTypedAndTheKeyIsSuggestedFromTheName()
    {
        await using var ctx = WebTestContext.Create();
        var dialogs = MembersScenario.RenderProviders(ctx);
        var saved = new List<AssetRequest>();
        var parameters = new DialogParameters<AssetFormDialog>
        {
            { d => d.Model, new SiteRequest() },
            { d => d.Save, request => { saved.Add(request); return Task.FromResult<Failure?>(null); } },
        };
        var reference = await dialogs.InvokeAsync(() => ctx.Services.GetRequiredService<IDialogService>().ShowAsync<AssetFormDialog>("Add site", parameters));
        dialogs.WaitForAssertion(() => dialogs.Find("#asset-form"), Patience);

        // Leaving the untouched name field says nothing yet.
        await dialogs.FindAll("#asset-form input")[0].BlurAsync(new());
        await dialogs.FindAll("#asset-form input")[1].BlurAsync(new());
        Assert.DoesNotContain("Enter a name.", dialogs.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Enter a key.", dialogs.Markup, StringComparison.Ordinal);

        // Saving empty says what is missing.
        await dialogs.Find("form#asset-form").SubmitAsync();
        dialogs.WaitForAssertion(() => Assert.Contains("Enter a name.", dialogs.Markup, StringComparison.Ordinal), Patience);
        Assert.Empty(saved);

        dialogs.FindAll("#asset-form input")[0].Change("Werk Düsseldorf");
        dialogs.WaitForAssertion(() => Assert.Equal("werk-dusseldorf", dialogs.FindAll("#asset-form input")[1].GetAttribute("value")), Patience);
        Assert.DoesNotContain("Enter a name.", dialogs.Markup, StringComparison.Ordinal);

        // A key typed by hand is kept when the name changes again.
        dialogs.FindAll("#asset-form input")[1].Change("dus");
        dialogs.FindAll("#asset-form input")[0].Change("Werk Düsseldorf Nord");
        await dialogs.Find("form#asset-form").SubmitAsync();

        var result = await reference.Result.WaitAsync(Patience, Xunit.TestContext.Current.CancellationToken);
        Assert.False(result!.Canceled);
        Assert.Equal(("Werk Düsseldorf Nord", "dus"), (saved.Single().Name, saved.Single().Key));
    }

    [Fact]
    public async Task AWeekIsFilledFromATemplateAndADayIsCopiedToTheWeekdays()
    {
        await using var ctx = WebTestContext.Create();
        var dialogs = MembersScenario.RenderProviders(ctx);
        var saved = new List<SiteRequest>();
        var parameters = new DialogParameters<AssetFormDialog>
        {
            { d => d.Model, new SiteRequest { Name = "Plant Lyon", Key = "lyon", TimeZone = "Europe/Paris" } },
            { d => d.Save, request => { saved.Add((SiteRequest)request); return Task.FromResult<Failure?>(null); } },
        };
        await dialogs.InvokeAsync(() => ctx.Services.GetRequiredService<IDialogService>().ShowAsync<AssetFormDialog>("Add site", parameters));
        dialogs.WaitForAssertion(() => dialogs.Find("#asset-form"), Patience);

        await dialogs.Find("[data-testid=template-three-shifts]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Equal(15, dialogs.FindAll("[data-testid=shift-row]").Count), Patience);

        await dialogs.Find("[data-testid=template-24-7]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=shift-row]")), Patience);

        await dialogs.Find("[data-testid=add-shift]").ClickAsync(new());
        var editor = dialogs.FindComponent<ShiftCalendarEditor>();
        editor.Instance.Rows[0].Start = TimeSpan.FromHours(7);
        editor.Instance.Rows[0].End = TimeSpan.FromHours(15.5);
        await dialogs.Find("[data-testid=copy-day]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Equal(5, dialogs.FindAll("[data-testid=shift-row]").Count), Patience);

        await dialogs.Find("form#asset-form").SubmitAsync();
        dialogs.WaitForAssertion(() => Assert.Single(saved), Patience);
        Assert.Equal(ShiftTemplates.Weekdays, saved[0].Shifts.Select(s => s.Day));
        Assert.All(saved[0].Shifts, s => Assert.Equal((new TimeOnly(7, 0), new TimeOnly(15, 30)), (s.Start, s.End)));
    }
}
