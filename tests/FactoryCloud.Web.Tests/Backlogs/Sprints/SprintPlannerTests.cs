using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.ProductBacklog;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Backlogs.Shared;
using FactoryCloud.Web.Features.Backlogs.Sprints;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Tests.Backlogs.Shared;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FactoryCloud.Web.Tests.Backlogs.Sprints;

public sealed class SprintPlannerTests : IAsyncLifetime
{
    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task DroppingItemsIntoTheSprintPlansThemAndShowsCommittedAgainstCapacity()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var tessa = _scenario.Acme.Member(TenantRole.TeamMember).UserId;
        var product = await BacklogScenario.CreateProductAsync(ctx, "Andon app");
        var start = DateOnly.FromDateTime(DateTime.UtcNow);
        var sprint = (await ctx.Services.GetRequiredService<SprintService>().CreateAsync(product.Id, new SprintRequest
        {
            Name = "Sprint 1", StartDate = start, EndDate = start.AddDays(13), Capacity = [new MemberCapacity(tessa, 5)],
        })).Value!;
        var small = await AddAsync(ctx, product, "Call button", 3);
        var large = await AddAsync(ctx, product, "Andon board", 5);
        MembersScenario.RenderProviders(ctx);
        var planner = ctx.Render<SprintPlanner>(p => p.Add(s => s.Product, product).Add(s => s.People, [new Person(tessa, "Tessa Team")]).Add(s => s.CanEdit, true));
        planner.WaitForAssertion(() => Assert.Equal("0", planner.Find("[data-testid=capacity-committed]").TextContent.Trim()));

        await DropAsync(planner, small, "sprint");
        planner.WaitForAssertion(() => Assert.Equal("3", planner.Find("[data-testid=capacity-committed]").TextContent.Trim()));
        Assert.Equal(sprint.Id, (await BacklogScenario.ItemAsync(ctx, small)).SprintId);
        Assert.DoesNotContain("mud-error-text", planner.Find("[data-testid=capacity-total]").GetAttribute("class") ?? "", StringComparison.Ordinal);

        await DropAsync(planner, large, "sprint");
        planner.WaitForAssertion(() => Assert.Equal("8", planner.Find("[data-testid=capacity-committed]").TextContent.Trim()));
        Assert.Contains("mud-error-text", planner.Find("[data-testid=capacity-total]").GetAttribute("class") ?? "", StringComparison.Ordinal);

        await DropAsync(planner, small, "backlog");
        planner.WaitForAssertion(() => Assert.Equal("5", planner.Find("[data-testid=capacity-committed]").TextContent.Trim()));
        Assert.Null((await BacklogScenario.ItemAsync(ctx, small)).SprintId);
        var back = Assert.Single(planner.FindAll("[data-testid=planning-backlog] [data-testid=planning-item]"));
        Assert.Equal(small.ToString(), back.GetAttribute("data-id"));
    }

    private static async Task<Guid> AddAsync(BunitContext ctx, ProductView product, string title, double estimate)
    {
        var created = await ctx.Services.GetRequiredService<WorkItemService>().CreateAsync(product.Id, new WorkItemRequest { Title = title, Estimate = estimate });
        return created.Value?.Id ?? throw new InvalidOperationException(created.Failure!.Message);
    }

    private static Task DropAsync(IRenderedComponent<SprintPlanner> planner, Guid itemId, string zone)
    {
        var container = planner.FindComponent<MudDropContainer<BacklogRow>>().Instance;
        var row = container.Items!.Single(i => i.Id == itemId);
        return planner.InvokeAsync(() => container.ItemDropped.InvokeAsync(new MudItemDropInfo<BacklogRow>(row, zone, 0)));
    }
}
