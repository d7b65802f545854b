using Bunit;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Maturity;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Maturity;

public sealed class GapBacklogPanelTests : IAsyncLifetime
{
    private readonly MaturityScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task AnAssessorChoosesAGapAndTheProductAndSeesTheLinkedEpicAppear()
    {
        var answers = DefaultMaturityModel.Create().Dimensions.ToDictionary(d => d.Key, d => d.Key == "connectivity" ? (1, 3) : (2, 2));
        var id = await _scenario.SeedAssessmentAsync(AssessmentStatus.Approved, answers);
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var product = await ctx.Services.GetRequiredService<ProductService>().CreateAsync(new ProductRequest { Name = "Connected plant" });
        Assert.Null(product.Failure);

        var page = ctx.Render<ResultsPage>(p => p.Add(c => c.Id, id));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=gap-backlog] input[type=checkbox]")), MaturityScenario.Patience);
        Assert.Contains("No backlog work is linked", page.Find("[data-testid=gap-backlog]").TextContent);

        page.Find("[data-testid=gap-backlog] input[type=checkbox]").Change(true);
        await page.Find("[data-testid=gap-create]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("1 epic(s) created", page.Find("[data-testid=gap-message]").TextContent), MaturityScenario.Patience);
        Assert.Contains("Connectivity", page.Find("[data-testid=gap-work]").TextContent);
        // The gap now has its epic: it is not offered again.
        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=gap-backlog] input[type=checkbox]").HasAttribute("disabled")), MaturityScenario.Patience);
        Assert.Contains("(has an epic)", page.Find("[data-testid=gap-backlog]").TextContent);
    }

    [Fact]
    public async Task TheProposalSaysWhatToDoAndOnlyTheKeptStoriesAreCreatedAndMarkedNew()
    {
        var answers = DefaultMaturityModel.Create().Dimensions.ToDictionary(d => d.Key, d => d.Key == "connectivity" ? (1, 3) : (2, 2));
        var id = await _scenario.SeedAssessmentAsync(AssessmentStatus.Approved, answers);
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var product = (await ctx.Services.GetRequiredService<ProductService>().CreateAsync(new ProductRequest { Name = "Connected plant" })).Value!;
        var page = ctx.Render<ResultsPage>(p => p.Add(c => c.Id, id));
        page.WaitForAssertion(() => page.Find("input[data-testid=gap-choice], [data-testid=gap-choice] input"), MaturityScenario.Patience);

        await page.Find("input[data-testid=gap-choice], [data-testid=gap-choice] input").ChangeAsync(new() { Value = true });

        page.WaitForAssertion(() => Assert.Contains("Raise Connectivity", page.Find("[data-testid=gap-proposal]").TextContent), MaturityScenario.Patience);
        var stories = page.FindAll("input[data-testid=gap-story], [data-testid=gap-story] input");
        Assert.True(stories.Count >= 2);
        var dropped = page.Find("[data-testid=gap-proposal]").QuerySelectorAll("label")[0].TextContent;
        await page.FindAll("input[data-testid=gap-story], [data-testid=gap-story] input")[0].ChangeAsync(new() { Value = false });
        await page.Find("[data-testid=gap-create]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("1 epic(s) created", page.Find("[data-testid=gap-message]").TextContent), MaturityScenario.Patience);
        Assert.Single(page.FindAll("[data-testid=gap-new]"));
        await using var db = _scenario.Database.Contexts.Create(Infrastructure.Tenancy.DataScope.ForTenant(_scenario.Tenant.Id));
        var items = db.WorkItems.Where(w => w.ProductId == product.Id).ToList();
        Assert.Equal(stories.Count - 1, items.Count(w => w.Type == Domain.Backlogs.WorkItemType.Story));
        Assert.DoesNotContain(items, w => dropped.Contains(": " + w.Title + " (", StringComparison.Ordinal) && w.Type == Domain.Backlogs.WorkItemType.Story);
        Assert.All(items.Where(w => w.Type == Domain.Backlogs.WorkItemType.Feature), f => Assert.StartsWith("Connectivity", f.Title, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AViewerSeesTheLinkedWorkButCannotCreateEpics()
    {
        var id = await _scenario.SeedAssessmentAsync(AssessmentStatus.Approved,
            DefaultMaturityModel.Create().Dimensions.ToDictionary(d => d.Key, _ => (1, 3)));
        await using var ctx = _scenario.ContextFor(TenantRole.Viewer);

        var page = ctx.Render<ResultsPage>(p => p.Add(c => c.Id, id));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=gap-backlog]")), MaturityScenario.Patience);
        Assert.Empty(page.FindAll("[data-testid=gap-create]"));
    }
}

public sealed class DeliveredSinceLastAssessmentTests : IAsyncLifetime
{
    private readonly MaturityScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task TheNextAssessmentShowsTheWorkOfTheLastOneThatIsDone()
    {
        var answers = DefaultMaturityModel.Create().Dimensions.ToDictionary(d => d.Key, d => d.Key == "connectivity" ? (1, 2) : (2, 2));
        var first = await _scenario.SeedAssessmentAsync(AssessmentStatus.Approved, answers);
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var product = (await ctx.Services.GetRequiredService<ProductService>().CreateAsync(new ProductRequest { Name = "Connected plant" })).Value!;
        var epics = await ctx.Services.GetRequiredService<GapBacklogService>()
            .CreateEpicsAsync(first, new GapBacklogRequest { ProductId = product.Id, Dimensions = ["connectivity"] });
        Assert.Null(epics.Failure);

        Guid second;
        await using (var db = _scenario.Database.Contexts.Create(Infrastructure.Tenancy.DataScope.ForTenant(_scenario.Tenant.Id)))
        {
            var done = db.WorkflowColumns.Single(c => c.ProductId == product.Id && c.Name == "Done");
            db.WorkItems.Single(w => w.Id == epics.Value![0].Id).ColumnId = done.Id;
            var last = db.MaturityAssessments.Single(a => a.Id == first);
            var next = new MaturityAssessment
            {
                SiteId = last.SiteId, ModelVersionId = last.ModelVersionId, Title = "North 2027", Status = AssessmentStatus.Draft, Assessors = ["Olivia"],
                CreatedAt = last.TakenAt.AddDays(1), UpdatedAt = last.TakenAt.AddDays(1),
            };
            db.Add(next);
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
            second = next.Id;
        }

        var page = ctx.Render<ResultsPage>(p => p.Add(c => c.Id, second));

        page.WaitForAssertion(() => Assert.Contains("Connectivity", page.Find("[data-testid=gap-delivered]").TextContent), MaturityScenario.Patience);
    }
}
