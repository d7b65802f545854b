using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Features.Kpis;

namespace FactoryCloud.Web.Features.Dashboards;

/// <summary>
/// From a downtime Pareto bar to the backlog: a work item in the chosen product, linked to the dashboard's machine,
/// line or site (the same path as an alert's work item, <see cref="AssetWorkItems"/>). Areas have no link kind and
/// no serving teams, so their dashboards do not offer it.
/// </summary>
public sealed class DowntimeWorkItemService(AssetWorkItems assetWork, ProductService products)
{
    public static ServedAsset? AssetOf(KpiScope scope, Guid id) => scope switch
    {
        KpiScope.Machine => new ServedAsset(AssetKind.Machine, id),
        KpiScope.Line => new ServedAsset(AssetKind.Line, id),
        KpiScope.Site => new ServedAsset(AssetKind.Site, id),
        _ => null,
    };

    public Task<IReadOnlyList<ProductView>> ProductsAsync(CancellationToken ct = default) => products.ListAsync(ct);

    public Task<Guid?> SuggestedProductAsync(ServedAsset asset, CancellationToken ct = default) => assetWork.SuggestedProductAsync(asset, ct);

    public async Task<OperationResult<WorkItemView>> CreateAsync(ServedAsset asset, string assetName, DowntimeWorkItemRequest request, CancellationToken ct = default)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        var created = await assetWork.CreateAsync(request.ProductId!.Value, asset, assetName, request.Type, request.Title.Trim(), request.Description, ct);
        return created.Failure is { Kind: FailureKind.NotFound }
            ? Failure.Invalid(nameof(DowntimeWorkItemRequest.ProductId), "The product was not found.")
            : created;
    }
}
