using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Kpis;

/// <summary>KPIs and downtime Pareto of a machine, line, area or site over a time window, read from the pre-aggregated buckets. Any member.</summary>
public static class KpiApi
{
    public static IEndpointRouteBuilder MapKpiApi(this IEndpointRouteBuilder api)
    {
        var kpis = api.MapGroup("").WithTags("KPIs").RequireAuthorization(TenantPolicies.Member);
        foreach (var (segment, scope) in new[]
                 {
                     ("machines", KpiScope.Machine), ("lines", KpiScope.Line), ("areas", KpiScope.Area), ("sites", KpiScope.Site),
                 })
        {
            kpis.MapGet($"/{segment}/{{id:guid}}/kpis", async (Guid id, string? from, string? to, KpiService s, CancellationToken ct) =>
            {
                var window = KpiQuery.Parse(from, to);
                return window.Failure is { } invalid ? invalid.ToProblem() : (await s.GetAsync(scope, id, window.Value, ct)).ToResult(TypedResults.Ok);
            });
            kpis.MapGet($"/{segment}/{{id:guid}}/downtime", async (Guid id, string? from, string? to, KpiService s, CancellationToken ct) =>
            {
                var window = KpiQuery.Parse(from, to);
                return window.Failure is { } invalid ? invalid.ToProblem() : (await s.GetDowntimeAsync(scope, id, window.Value, ct)).ToResult(TypedResults.Ok);
            });
        }
        return api;
    }
}
