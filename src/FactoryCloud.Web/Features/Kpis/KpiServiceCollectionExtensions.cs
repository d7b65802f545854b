using FactoryCloud.Web.Features.Dashboards;
using FactoryCloud.Web.Features.Dashboards.Export;

namespace FactoryCloud.Web.Features.Kpis;

/// <summary>The KPI, dashboard and export services.</summary>
public static class KpiServiceCollectionExtensions
{
    public static IServiceCollection AddKpiDashboards(this IServiceCollection services)
    {
        services.AddScoped<KpiService>();
        services.AddScoped<KpiSettingsService>();
        services.AddScoped<PlantOverviewService>();
        services.AddSingleton<SharedPlantOverviews>();
        services.AddScoped<ScopeDashboardService>();
        services.AddScoped<DowntimeWorkItemService>();
        return services;
    }

    public static IEndpointRouteBuilder MapKpiDashboardsApi(this IEndpointRouteBuilder api)
    {
        api.MapKpiApi();
        api.MapKpiSettingsApi();
        api.MapDashboardExportApi();
        return api;
    }
}
