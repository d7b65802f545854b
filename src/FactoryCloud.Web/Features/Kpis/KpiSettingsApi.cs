using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Kpis;

/// <summary>The tenant's loss settings: any member reads them, those who manage plants change them.</summary>
public static class KpiSettingsApi
{
    public static IEndpointRouteBuilder MapKpiSettingsApi(this IEndpointRouteBuilder api)
    {
        var settings = api.MapGroup("/kpi-settings").WithTags("KPIs");
        settings.MapGet("", async (KpiSettingsService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(ct)))
            .RequireAuthorization(TenantPolicies.Member);
        settings.MapPut("", async (KpiSettingsRequest body, KpiSettingsService s, CancellationToken ct) =>
                (await s.SaveAsync(body, ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(TenantPolicies.ManagePlants);
        return api;
    }
}
