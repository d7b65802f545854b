using FactoryCloud.Web.Features.Alerts;
using FactoryCloud.Web.Features.Files;
using FactoryCloud.Web.Features.Notifications;

namespace FactoryCloud.Web.Features.Backlogs;

/// <summary>The feature's services, each named with the folder it lives in.</summary>
public static class BacklogsSetup
{
    public static IServiceCollection AddBacklogs(this IServiceCollection services) => services
        .AddScoped<BacklogActor>()
        .AddScoped<Products.ProductService>()
        .AddScoped<Products.TeamService>()
        .AddScoped<WorkItems.WorkItemService>()
        .AddScoped<Board.WorkItemPlacementService>()
        .AddScoped<WorkItems.BulkEditService>()
        .AddScoped<WorkItems.WorkItemDetailsService>()
        .AddScoped<WorkItems.AttachmentFileService>()
        .AddFileUploads()
        .AddScoped<Sprints.SprintService>()
        .AddScoped<ProductBacklog.BacklogQueryService>()
        .AddScoped<Charts.BacklogChartsService>()
        .AddScoped<Hypotheses.ValueTrackingService>()
        .AddScoped<ImportExport.BacklogCsvService>()
        .AddScoped<WorkItems.AssetWorkItems>()
        .AddScoped<IAlertWorkItemCreator, WorkItems.AlertWorkItemCreator>()
        // The comment box's mention suggestions and the item page's watch button.
        .AddNotificationCentre();
}
