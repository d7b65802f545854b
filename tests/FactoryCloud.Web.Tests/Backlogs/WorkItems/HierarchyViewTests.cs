using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Tests.Backlogs.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Backlogs.WorkItems;

public sealed class HierarchyViewTests : IAsyncLifetime
{
    private readonly BacklogScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task EpicsFeaturesAndStoriesNestWithPointsAndProgressRolledUp()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Line 4 OEE app");
        var epic = await CreateAsync(ctx, product, "OEE visibility", WorkItemType.Epic, null, null);
        var feature = await CreateAsync(ctx, product, "Shift OEE", WorkItemType.Feature, epic, null);
        var done = await CreateAsync(ctx, product, "OEE per shift tile", WorkItemType.Story, feature, 3);
        await CreateAsync(ctx, product, "OEE trend", WorkItemType.Story, feature, 5);
        await BacklogScenario.MoveAsync(ctx, done, BacklogScenario.Column(product, "Done"));

        var view = ctx.Render<HierarchyView>(p => p.Add(h => h.Product, product));

        view.WaitForAssertion(() => Assert.Equal(4, view.FindAll("[data-testid=hierarchy-node]").Count));
        var epicNode = view.Find($"[data-testid=hierarchy-node][data-id='{epic}']");
        Assert.Equal("3 / 8 pts", epicNode.QuerySelector("[data-testid=hierarchy-points]")!.TextContent.Trim());
        Assert.Equal("38%", epicNode.QuerySelector("[data-testid=hierarchy-progress]")!.TextContent.Trim());
        Assert.Equal("padding-left:3rem", view.Find($"[data-testid=hierarchy-node][data-id='{done}']").GetAttribute("style"));
    }

    private static async Task<Guid> CreateAsync(BunitContext ctx, ProductView product, string title, WorkItemType type, Guid? parent, double? points)
    {
        var created = await ctx.Services.GetRequiredService<WorkItemService>().CreateAsync(product.Id,
            new WorkItemRequest { Title = title, Type = type, ParentId = parent, Estimate = points });
        return created.Value?.Id ?? throw new InvalidOperationException(created.Failure!.Message);
    }
}
