using AngleSharp.Dom;
using Bunit;
using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Alerts;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Alerts;

public sealed class AlertRulesPageTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private SeededTenant _acme = default!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _acme = await _database.SeedTenantAsync("Acme Works", ("olivia@acme.test", "Olivia", TenantRole.PlantManager));
        await AlertSeed.CreateAsync(_database, _acme.Id);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task ARuleWithoutScopeOrWithAZeroDurationShowsTheErrorsBesideTheFieldsAndSavesNothing()
    {
        await using var ctx = CreateContext();
        var dialogs = MembersScenario.RenderProviders(ctx);
        var page = ctx.Render<AlertRulesPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=empty-state]")));

        _ = page.Find("button[data-testid=add-rule]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find(".mud-dialog")));
        await Input(dialogs, "rule-name").ChangeAsync(new() { Value = "Press down" });
        await Input(dialogs, "rule-duration").ChangeAsync(new() { Value = "0" });
        await dialogs.Find("button[data-testid=rule-save]").ClickAsync(new());

        dialogs.WaitForAssertion(() =>
        {
            var text = dialogs.Find(".mud-dialog").TextContent;
            Assert.Contains("Enter between 1 and 1440 minutes.", text, StringComparison.Ordinal);
            Assert.Contains("Choose the machine, line or site to watch.", text, StringComparison.Ordinal);
        });
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        Assert.Empty(await db.AlertRules.ToListAsync(Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EditingARuleSavesTheChangeAndListsItWithItsCondition()
    {
        var service = await SeedRuleAsync();
        await using var ctx = CreateContext();
        var dialogs = MembersScenario.RenderProviders(ctx);
        var page = ctx.Render<AlertRulesPage>();
        page.WaitForAssertion(() => Assert.Contains("Down for at least 5 min", page.Find("[data-testid=rule-row]").TextContent, StringComparison.Ordinal));

        _ = page.Find("button[data-testid=edit-rule]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find(".mud-dialog")));
        await Input(dialogs, "rule-name").ChangeAsync(new() { Value = "Press stopped" });
        await Input(dialogs, "rule-duration").ChangeAsync(new() { Value = "15" });
        await dialogs.Find("button[data-testid=rule-save]").ClickAsync(new());

        page.WaitForAssertion(() =>
        {
            var row = page.Find("[data-testid=rule-row]").TextContent;
            Assert.Contains("Press stopped", row, StringComparison.Ordinal);
            Assert.Contains("Down for at least 15 min", row, StringComparison.Ordinal);
            Assert.Contains("Site: Plant 1", row, StringComparison.Ordinal);
        });
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        Assert.Equal(15, (await service.ListAsync(Xunit.TestContext.Current.CancellationToken)).Single().DurationMinutes);
    }

    private async Task<AlertRuleService> SeedRuleAsync()
    {
        await using var ctx = CreateContext();
        var rules = ctx.Services.GetRequiredService<AlertRuleService>();
        var site = (await rules.ScopeOptionsAsync(Xunit.TestContext.Current.CancellationToken)).Single(o => o.Kind == AlertScopeKind.Site);
        var created = await rules.CreateAsync(new AlertRuleRequest
        {
            Name = "Press down", Kind = AlertRuleKind.MachineDown, ScopeKind = AlertScopeKind.Site, ScopeId = site.Id, DurationMinutes = 5,
        }, Xunit.TestContext.Current.CancellationToken);
        Assert.True(created.Succeeded, created.Failure?.Message);
        return rules;
    }

    private static IElement Input(IRenderedComponent<MudBlazor.MudDialogProvider> dialogs, string testId) =>
        dialogs.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    private Bunit.BunitContext CreateContext()
    {
        var ctx = WebTestContext.Create(_database);
        ctx.Services.AddScoped<AlertRuleService>();
        ctx.SignIn(_acme.Member(TenantRole.PlantManager), _acme.MembershipAs(TenantRole.PlantManager));
        return ctx;
    }
}
