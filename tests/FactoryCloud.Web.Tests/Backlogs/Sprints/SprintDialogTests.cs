using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Backlogs.Shared;
using FactoryCloud.Web.Features.Backlogs.Sprints;
using FactoryCloud.Web.Tests.Backlogs.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Backlogs.Sprints;

public sealed class SprintDialogTests : IAsyncLifetime
{
    private static readonly DateOnly Start = new(2026, 11, 30);

    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task SavesTheNameGoalDatesAndEachMembersCapacity()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Andon app");
        var tessa = _scenario.Acme.Member(TenantRole.TeamMember).UserId;
        var (dialogs, dialog) = await ShowAsync(ctx, product, [new MemberCapacity(tessa, 0)]);

        dialogs.Find("input[data-testid=sprint-name]").Change("Sprint 7");
        dialogs.Find("input[data-testid=sprint-goal]").Change("Andon live on line 4");
        dialogs.Find("input[data-testid=sprint-capacity-input]").Change("8");
        BacklogScenario.SubmitByButton(dialogs, "sprint-save");

        var created = Assert.IsType<SprintView>((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(15)))!.Data);
        var saved = Assert.Single((await Sprints(ctx).ListAsync(product.Id)).Value!);
        Assert.Equal(created.Id, saved.Id);
        Assert.Equal(("Sprint 7", "Andon live on line 4", Start, Start.AddDays(13)), (saved.Name, saved.Goal, saved.StartDate, saved.EndDate));
        Assert.Equal([new MemberCapacity(tessa, 8)], saved.Capacity);
    }

    [Fact]
    public async Task AnEndBeforeTheStartShowsTheMessageAndCreatesNoSprint()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Energy monitor");
        var (dialogs, dialog) = await ShowAsync(ctx, product, [], end: Start.AddDays(-3));

        BacklogScenario.SubmitByButton(dialogs, "sprint-save");

        dialogs.WaitForAssertion(() => Assert.Contains("The sprint ends on or after its start.", dialogs.Markup, StringComparison.Ordinal));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Empty((await Sprints(ctx).ListAsync(product.Id)).Value!);
    }

    [Fact]
    public async Task AnEmptyNameShowsItsMessageAndCreatesNoSprint()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Scrap tracker");
        var (dialogs, dialog) = await ShowAsync(ctx, product, []);

        dialogs.Find("input[data-testid=sprint-name]").Change("");
        BacklogScenario.SubmitByButton(dialogs, "sprint-save");

        dialogs.WaitForAssertion(() => Assert.Contains("Enter a name.", dialogs.Markup, StringComparison.Ordinal));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Empty((await Sprints(ctx).ListAsync(product.Id)).Value!);
    }

    [Fact]
    public async Task AMissingStartDateShowsItsMessageAndCreatesNoSprint()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Dateless");
        var (dialogs, dialog) = await ShowAsync(ctx, product, [], start: default(DateOnly));

        BacklogScenario.SubmitByButton(dialogs, "sprint-save");

        dialogs.WaitForAssertion(() => Assert.Contains("Enter a start date.", dialogs.Markup, StringComparison.Ordinal));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Empty((await Sprints(ctx).ListAsync(product.Id)).Value!);
    }

    private static SprintService Sprints(BunitContext ctx) => ctx.Services.GetRequiredService<SprintService>();

    private static Task<(IRenderedComponent<MudDialogProvider> Dialogs, IDialogReference Dialog)> ShowAsync(
        BunitContext ctx, ProductView product, List<MemberCapacity> capacity, DateOnly? end = null, DateOnly? start = null)
    {
        var model = new SprintRequest { Name = "Sprint 1", StartDate = start ?? Start, EndDate = end ?? Start.AddDays(13), Capacity = capacity };
        var people = capacity.Select(c => new Person(c.UserId, "Tessa Team")).ToList();
        return BacklogScenario.ShowAsync(ctx, new DialogParameters<SprintDialog>
        {
            { d => d.Model, model }, { d => d.People, people },
            { d => d.Save, m => Sprints(ctx).CreateAsync(product.Id, m) },
        });
    }
}
