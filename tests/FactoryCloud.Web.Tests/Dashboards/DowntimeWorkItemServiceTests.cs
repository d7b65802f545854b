using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Common;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Features.Dashboards;
using FactoryCloud.Web.Features.Kpis;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Dashboards;

/// <summary>The service behind the Pareto's "create work item": the item, its link, and whose it is.</summary>
public sealed class DowntimeWorkItemServiceTests : IAsyncLifetime
{
    private readonly DowntimeScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task TheItemIsCreatedInTheChosenProductOfTheMembersTenantLinkedToTheLine()
    {
        await using var ctx = _scenario.ContextFor(_scenario.Acme, TenantRole.Owner);
        var product = await DowntimeScenario.CreateProductAsync(ctx, "Line 1 uptime");

        var created = await CreateAsync(ctx, KpiScope.Line, _scenario.Line, "Line 1",
            new DowntimeWorkItemRequest { ProductId = product, Type = WorkItemType.Story, Title = "Reduce jam downtime on Line 1", Description = "12 min" });

        Assert.Null(created.Failure);
        var (item, links) = Assert.Single(await _scenario.WorkOfAsync(_scenario.Acme));
        Assert.Equal((_scenario.Acme.Id, product, "Reduce jam downtime on Line 1", "12 min"), (item.TenantId, item.ProductId, item.Title, item.Description));
        var link = Assert.Single(links);
        Assert.Equal((_scenario.Acme.Id, LinkKinds.Line, _scenario.Line.ToString(), "Line 1"), (link.TenantId, link.Kind, link.TargetId, link.Label));
        Assert.Empty(await _scenario.WorkOfAsync(_scenario.Other));
    }

    [Fact]
    public async Task AnotherTenantsProductIsNotFoundAndNothingIsSavedAnywhere()
    {
        await using var other = _scenario.ContextFor(_scenario.Other, TenantRole.Owner);
        var theirs = await DowntimeScenario.CreateProductAsync(other, "Their product");
        await using var ctx = _scenario.ContextFor(_scenario.Acme, TenantRole.Owner);

        var created = await CreateAsync(ctx, KpiScope.Machine, _scenario.Saw, "Saw 1",
            new DowntimeWorkItemRequest { ProductId = theirs, Title = "Reduce jam downtime on Saw 1" });

        Assert.Equal(FailureKind.Validation, created.Failure?.Kind);
        Assert.Equal(["The product was not found."], created.Failure!.Errors![nameof(DowntimeWorkItemRequest.ProductId)]);
        Assert.Empty(await _scenario.WorkOfAsync(_scenario.Acme));
        Assert.Empty(await _scenario.WorkOfAsync(_scenario.Other));
    }

    [Fact]
    public async Task AViewerIsRefused()
    {
        await using var owner = _scenario.ContextFor(_scenario.Acme, TenantRole.Owner);
        var product = await DowntimeScenario.CreateProductAsync(owner, "Line 1 uptime");
        await using var ctx = _scenario.ContextFor(_scenario.Acme, TenantRole.Viewer);

        var created = await CreateAsync(ctx, KpiScope.Site, Guid.NewGuid(), "Plant 1",
            new DowntimeWorkItemRequest { ProductId = product, Title = "Reduce jam downtime on Plant 1" });

        Assert.Equal(FailureKind.Forbidden, created.Failure?.Kind);
        Assert.Empty(await _scenario.WorkOfAsync(_scenario.Acme));
    }

    [Fact]
    public void AreasOfferNoWorkItemLink() => Assert.Null(DowntimeWorkItemService.AssetOf(KpiScope.Area, Guid.NewGuid()));

    private static Task<OperationResult<WorkItemView>> CreateAsync(Bunit.BunitContext ctx, KpiScope scope, Guid id, string name, DowntimeWorkItemRequest request) =>
        ctx.Services.GetRequiredService<DowntimeWorkItemService>().CreateAsync(DowntimeWorkItemService.AssetOf(scope, id)!, name, request, TestContext.Current.CancellationToken);
}
