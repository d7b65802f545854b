using FactoryCloud.Web.Features.Tenancy;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Lifecycle.Export;

/// <summary>The tenant export: the job, the service and <c>/api/v1/organisation/exports</c> (Owners only).</summary>
public static class TenantExportSetup
{
    public static IServiceCollection AddTenantExport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TenantExportOptions>().Bind(configuration.GetSection(TenantExportOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TenantExportOptions>>().Value);
        services.AddSingleton<TenantExportWriter>();
        services.AddSingleton<TenantExportChanges>();
        services.AddSingleton<TenantExportJob>();
        services.AddHostedService(sp => sp.GetRequiredService<TenantExportJob>());
        services.AddScoped<TenantExportService>();
        return services;
    }

    public static IEndpointRouteBuilder MapTenantExportApi(this IEndpointRouteBuilder api)
    {
        var exports = api.MapGroup("/organisation/exports").WithTags("Organisation").RequireAuthorization(TenantPolicies.Owner);
        exports.MapGet("", async (TenantExportService s, CancellationToken ct) => (await s.ListAsync(ct)).ToResult(TypedResults.Ok));
        exports.MapPost("", async (TenantExportService s, CancellationToken ct) =>
            (await s.StartAsync(ct)).ToResult(view => TypedResults.Accepted($"/api/v1/organisation/exports/{view.Id}", view)));
        exports.MapGet("/{id:guid}", async (Guid id, TenantExportService s, CancellationToken ct) => (await s.GetAsync(id, ct)).ToResult(TypedResults.Ok));
        exports.MapGet("/{id:guid}/content", async (Guid id, TenantExportService s, CancellationToken ct) =>
                (await s.OpenAsync(id, ct)).ToResult(file => TypedResults.Stream(file.Content, "application/zip", file.FileName)))
            .AuditExport("Organisation export (zip)");
        return api;
    }
}
