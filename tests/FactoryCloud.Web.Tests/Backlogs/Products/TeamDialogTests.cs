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

public sealed class TeamDialogTests : IAsyncLifetime
{
    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task SavesTheTeamWithItsMembersAndTheirDisciplines()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var tessa = _scenario.Acme.Member(TenantRole.TeamMember).UserId;
        var (dialogs, dialog) = await ShowAsync(ctx, [new Person(tessa, "Tessa Team")]);

        dialogs.Find("input[data-testid=team-name]").Change("Line 4 crew");
        await BacklogScenario.SelectAsync<Guid?>(dialogs, "Add a member", tessa);
        await BacklogScenario.SelectAsync(dialogs, "Discipline", Discipline.Test);
        dialogs.Find("button[data-testid=team-add-member-button]").Click();
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("[data-testid=team-member]")));
        BacklogScenario.SubmitByButton(dialogs, "team-save");

        Assert.False((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(15)))!.Canceled);
        var team = Assert.Single(await Teams(ctx).ListAsync());
        Assert.Equal("Line 4 crew", team.Name);
        Assert.Equal([new TeamMember(tessa, "Tessa Team", Discipline.Test)], team.Members);
    }

    [Fact]
    public async Task AnEmptyNameShowsItsMessageAndCreatesNoTeam()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var (dialogs, dialog) = await ShowAsync(ctx, []);

        BacklogScenario.SubmitByButton(dialogs, "team-save");

        dialogs.WaitForAssertion(() => Assert.Contains("Enter a name.", dialogs.Markup, StringComparison.Ordinal));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Empty(await Teams(ctx).ListAsync());
    }

    private static TeamService Teams(BunitContext ctx) => ctx.Services.GetRequiredService<TeamService>();

    private static Task<(IRenderedComponent<MudDialogProvider> Dialogs, IDialogReference Dialog)> ShowAsync(BunitContext ctx, IReadOnlyList<Person> people) =>
        BacklogScenario.ShowAsync(ctx, new DialogParameters<TeamDialog>
        {
            { d => d.Model, new TeamRequest() }, { d => d.People, people },
            { d => d.Save, async m => (await Teams(ctx).CreateAsync(m)).Failure },
        });
}
