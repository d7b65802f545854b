using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Dashboards;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Dashboards;

/// <summary>From a downtime Pareto reason on a dashboard to a work item in a product's backlog.</summary>
public sealed class DowntimeWorkItemDialogTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly DowntimeScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task AnOwnerTurnsTheJamBarIntoABugInTheServingTeamsProductLinkedToTheMachine()
    {
        await using var ctx = _scenario.ContextFor(_scenario.Acme, TenantRole.Owner);
        await DowntimeScenario.CreateProductAsync(ctx, "Energy dashboard");
        var team = await DowntimeScenario.CreateTeamServingAsync(ctx, "Line 1 crew", new ServedAsset(AssetKind.Line, _scenario.Line));
        var lineProduct = await DowntimeScenario.CreateProductAsync(ctx, "Line 1 uptime", team);
        var dialogs = MembersScenario.RenderProviders(ctx);
        var page = ctx.Render<ScopeDashboardPage>(p => p.Add(x => x.Segment, "machines").Add(x => x.Id, _scenario.Saw));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=pareto-row]")), Patience);

        // The click's handler waits for the dialog's result: it completes once the dialog closes.
        var flow = page.Find("[data-testid=pareto-row] button[data-testid=pareto-create-work-item]").ClickAsync(new());

        // Prefilled: the product of the team serving the saw's line, the reason and the range's figures.
        dialogs.WaitForAssertion(() => Assert.Equal("Line 1 uptime", ValueOf(dialogs, "downtime-product")), Patience);
        Assert.Equal("Reduce jam downtime on Saw 1", ValueOf(dialogs, "downtime-title"));
        var description = ValueOf(dialogs, "downtime-description");
        Assert.Contains("down for \"jam\"", description, StringComparison.Ordinal);
        // Down since yesterday: no episode began in today's range, all of today's downtime is the jam.
        Assert.Contains("min in 0 episode(s), 100.00 % of its downtime", description, StringComparison.Ordinal);
        Assert.Contains("Range: Today,", description, StringComparison.Ordinal);

        var type = dialogs.FindComponent<MudSelect<WorkItemType>>();
        await dialogs.InvokeAsync(() => type.Instance.ValueChanged.InvokeAsync(WorkItemType.Bug));
        // The dialog's submit button sits outside its form (form="..."), which bUnit does not follow: submit the form.
        await dialogs.Find("form#downtime-work-item-form").SubmitAsync();

        await flow.WaitAsync(Patience, Xunit.TestContext.Current.CancellationToken);
        Assert.Empty(dialogs.FindAll("[data-testid=downtime-create]"));
        var (item, links) = Assert.Single(await _scenario.WorkOfAsync(_scenario.Acme));
        Assert.Equal((lineProduct, WorkItemType.Bug, "Reduce jam downtime on Saw 1"), (item.ProductId, item.Type, item.Title));
        var link = Assert.Single(links);
        Assert.Equal((LinkKinds.Machine, _scenario.Saw.ToString(), "Saw 1"), (link.Kind, link.TargetId, link.Label));
    }

    [Fact]
    public async Task WithoutAProductTheDialogSaysWhereToCreateOneAndSavesNothing()
    {
        await using var ctx = _scenario.ContextFor(_scenario.Acme, TenantRole.Owner);
        var dialogs = MembersScenario.RenderProviders(ctx);
        var entry = new ParetoEntry("jam", 600, 2, 1, 1);
        var window = new TimeWindow(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow);
        var parameters = new DialogParameters<DowntimeWorkItemDialog>
        {
            { d => d.Asset, new ServedAsset(AssetKind.Machine, _scenario.Saw) },
            { d => d.AssetName, "Saw 1" },
            { d => d.Model, DowntimeWorkItemRequest.Propose("Saw 1", entry, TimeRangeKind.Today, window) },
        };
        await dialogs.InvokeAsync(() => ctx.Services.GetRequiredService<IDialogService>().ShowAsync<DowntimeWorkItemDialog>("Create work item", parameters));
        dialogs.WaitForAssertion(() => Assert.Contains("No product yet", dialogs.Find("[data-testid=downtime-no-product]").TextContent), Patience);
        Assert.Contains("10 min in 2 episode(s)", ValueOf(dialogs, "downtime-description"), StringComparison.Ordinal);

        await dialogs.Find("form#downtime-work-item-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Contains("Choose a product.", dialogs.Find(".mud-dialog").TextContent), Patience);
        Assert.Empty(await _scenario.WorkOfAsync(_scenario.Acme));
    }

    [Fact]
    public async Task AViewerSeesTheParetoWithoutTheWorkItemAction()
    {
        await using var ctx = _scenario.ContextFor(_scenario.Acme, TenantRole.Viewer);

        var page = ctx.Render<ScopeDashboardPage>(p => p.Add(x => x.Segment, "lines").Add(x => x.Id, _scenario.Line));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=pareto-row]")), Patience);
        Assert.Empty(page.FindAll("[data-testid=pareto-create-work-item]"));
    }

    /// <summary>The value of a MudBlazor input or text area (the test id is on the input itself or around it).</summary>
    private static string? ValueOf(IRenderedComponent<MudDialogProvider> dialogs, string testId)
    {
        var field = dialogs.Find($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea");
        return field.GetAttribute("value") ?? field.TextContent;
    }
}
