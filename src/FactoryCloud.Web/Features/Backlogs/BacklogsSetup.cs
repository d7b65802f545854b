using FactoryCloud.Web.Features.Alerts;
using FactoryCloud.Web.Features.Backlogs.Board;
using FactoryCloud.Web.Features.Backlogs.Charts;
using FactoryCloud.Web.Features.Backlogs.Hypotheses;
using FactoryCloud.Web.Features.Backlogs.ImportExport;
using FactoryCloud.Web.Features.Backlogs.ProductBacklog;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Backlogs.Sprints;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
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
        .AddScoped<WorkItemPlacementService>()
        .AddScoped<BulkEditService>()
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
