using FactoryCloud.Web.Features.Alerts;
using FactoryCloud.Web.Features.Files;
using FactoryCloud.Web.Features.Notifications;

namespace FactoryCloud.Web.Features.Backlogs;

public static class BacklogsSetup
{
    public static IServiceCollection AddBacklogs(this IServiceCollection services) => services
        .AddScoped<BacklogActor>()
        .AddScoped<ProductService>()
        .AddScoped<TeamService>()
        .AddScoped<WorkItemService>()
        .AddScoped<WorkItemDetailsService>()
        .AddScoped<AttachmentFileService>()
        .AddFileUploads()
        .AddScoped<SprintService>()
        .AddScoped<BacklogQueryService>()
        .AddScoped<BacklogChartsService>()
        .AddScoped<ValueTrackingService>()
        .AddScoped<BacklogCsvService>()
        .AddScoped<AssetWorkItems>()
        .AddScoped<IAlertWorkItemCreator, AlertWorkItemCreator>()
        // The comment box's mention suggestions and the item page's watch button.
        .AddNotificationCentre();
}
