using FactoryCloud.Infrastructure.Configuration;
using FactoryCloud.Infrastructure.Pipeline;
using FactoryCloud.Web.Features.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace FactoryCloud.Web.Features.Lifecycle;

/// <summary>Data retention (the job, the settings), planned-time roll-ups built ahead of reads (the job), plan quotas (the guard, the usage) and deleting the organisation (the hold, the purge job).</summary>
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
        services.AddOptions<PlannedDayRollupOptions>().Bind(configuration.GetSection(PlannedDayRollupOptions.Section)).ValidatedOnStart(o => o.Validate());
        services.AddSingleton<PlannedDayRollupJob>();
        services.AddHostedService(sp => sp.GetRequiredService<PlannedDayRollupJob>());
        services.AddOptions<TenantDeletionOptions>().Bind(configuration.GetSection(TenantDeletionOptions.Section));
        services.AddScoped<OrganisationDeletionService>();
        services.AddSingleton<TenantPurgeJob>(sp => ActivatorUtilities.CreateInstance<TenantPurgeJob>(sp, sp));
        services.AddHostedService(sp => sp.GetRequiredService<TenantPurgeJob>());
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

        // Deleting (soft, for TenantDeletionOptions.GracePeriod) and restoring: Owners only; the state: any member (also while held).
        organisation.MapGet("/deletion", async (OrganisationDeletionService s, CancellationToken ct) =>
                await s.GetAsync(ct) is { } view ? Results.Ok(view) : Results.NotFound())
            .RequireAuthorization(TenantPolicies.Member);
        organisation.MapDelete("", async ([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] DeleteOrganisationRequest? body,
                OrganisationDeletionService s, CancellationToken ct) =>
                (await s.DeleteAsync(body ?? new DeleteOrganisationRequest(), ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(TenantPolicies.Owner);
        organisation.MapPost("/restore", async (OrganisationDeletionService s, CancellationToken ct) =>
                (await s.RestoreAsync(ct)).ToResult(TypedResults.Ok))
            .RequireAuthorization(TenantPolicies.Owner);
        return api;
    }
}
