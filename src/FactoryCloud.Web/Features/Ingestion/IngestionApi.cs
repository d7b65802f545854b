using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Ingestion;

public static class IngestionApi
{
    public static IEndpointRouteBuilder MapIngestionApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/ingestion/health", async (IngestionHealthService health, CancellationToken ct) => TypedResults.Ok(await health.GetAsync(ct)))
            .WithTags("Ingestion").RequireAuthorization(TenantPolicies.Member);
        return api;
    }
}
