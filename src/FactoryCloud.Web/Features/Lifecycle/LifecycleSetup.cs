using FactoryCloud.Infrastructure.Pipeline;
using FactoryCloud.Web.Common;
using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Lifecycle;

/// <summary>Data retention (the job, the settings) and plan quotas (the guard, the usage).</summary>
public static class LifecycleSetup
{
    public static IServiceCollection AddDataLifecycle(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTelemetryQuotas(configuration, refresh: false); // the ingestion (if any in this process) refreshes them
        services.AddSingleton<QuotaGuard>();
        services.AddScoped<PlanService>();
        services.AddOptions<DataRetentionOptions>().Bind(configuration.GetSection(DataRetentionOptions.Section));
        services.AddSingleton<DataRetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<DataRetentionJob>());
        return services;
    }

    /// <summary>Retention: any member reads it, the Owner changes it. Usage: any member.</summary>
    public static IEndpointRouteBuilder MapDataLifecycleApi(this IEndpointRouteBuilder api)
    {
        var organisation = api.MapGroup("/organisation").WithTags("Organisation");
        organisation.MapGet("/retention", async (PlanService s, CancellationToken ct) => TypedResults.Ok(await s.GetRetentionAsync(ct)))
            .RequireAuthorization(TenantPolicies.Member);
        organisation.MapPut("/retention", async (RetentionRequest body, PlanService s, CancellationToken ct) =>
                (await s.SaveRetentionAsync(body, ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(TenantPolicies.Owner);
        organisation.MapGet("/usage", async (PlanService s, CancellationToken ct) => TypedResults.Ok(await s.GetUsageAsync(ct)))
            .RequireAuthorization(TenantPolicies.Member);
        return api;
    }
}
