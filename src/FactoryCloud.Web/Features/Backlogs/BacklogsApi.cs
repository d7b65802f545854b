using FactoryCloud.Infrastructure.Files;
using FactoryCloud.Web.Common.Security;
using FactoryCloud.Web.Features.Backlogs.Board;
using FactoryCloud.Web.Features.Backlogs.Charts;
using FactoryCloud.Web.Features.Backlogs.Hypotheses;
using FactoryCloud.Web.Features.Backlogs.ImportExport;
using FactoryCloud.Web.Features.Backlogs.ProductBacklog;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Backlogs.Sprints;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Features.Files;
using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Backlogs;

/// <summary>REST endpoints for products, teams, work items, sprints and their charts. Reads: any member; writes: everyone but Viewers.</summary>
public static class BacklogsApi
{
    public static IEndpointRouteBuilder MapBacklogsApi(this IEndpointRouteBuilder api)
    {
        var read = api.MapGroup("").WithTags("Backlogs").RequireAuthorization(TenantPolicies.Member);
        var write = api.MapGroup("").WithTags("Backlogs").RequireAuthorization(TenantPolicies.Editor);
        MapProducts(read, write);
        MapTeams(read, write);
        MapWorkItems(read, write);
        MapItemDetails(read, write);
        MapSprints(read, write);
        MapChartsAndFiles(read, write);
        return api;
    }

    private static void MapProducts(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        read.MapGet("/products", async (ProductService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)));
        read.MapGet("/products/{id:guid}", async (Guid id, ProductService s, CancellationToken ct) =>
            await s.GetAsync(id, ct) is { } product ? Results.Ok(product) : Failure.NotFound("The product").ToProblem());
        write.MapPost("/products", async (ProductRequest body, ProductService s, CancellationToken ct) =>
            (await s.CreateAsync(body, ct)).ToResult(v => TypedResults.Created($"/api/v1/products/{v.Id}", v)));
        write.MapPut("/products/{id:guid}", async (Guid id, ProductRequest body, ProductService s, CancellationToken ct) =>
            (await s.UpdateAsync(id, body, ct)).ToResult(TypedResults.Ok));
        write.MapDelete("/products/{id:guid}", async (Guid id, ProductService s, CancellationToken ct) => (await s.DeleteAsync(id, ct)).ToResult());
        write.MapPut("/products/{id:guid}/workflow", async (Guid id, WorkflowRequest body, ProductService s, CancellationToken ct) =>
            (await s.SaveWorkflowAsync(id, body, ct)).ToResult(TypedResults.Ok));
        write.MapPost("/products/{id:guid}/fields", async (Guid id, CustomFieldRequest body, ProductService s, CancellationToken ct) =>
            (await s.AddCustomFieldAsync(id, body, ct)).ToResult(TypedResults.Ok));
        write.MapPut("/fields/{id:guid}", async (Guid id, CustomFieldRequest body, ProductService s, CancellationToken ct) =>
            (await s.UpdateCustomFieldAsync(id, body, ct)).ToResult(TypedResults.Ok));
        write.MapDelete("/fields/{id:guid}", async (Guid id, ProductService s, CancellationToken ct) => (await s.DeleteCustomFieldAsync(id, ct)).ToResult());
    }

    private static void MapTeams(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        read.MapGet("/teams", async (TeamService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)));
        read.MapGet("/teams/{id:guid}", async (Guid id, TeamService s, CancellationToken ct) =>
            await s.GetAsync(id, ct) is { } team ? Results.Ok(team) : Failure.NotFound("The team").ToProblem());
        write.MapPost("/teams", async (TeamRequest body, TeamService s, CancellationToken ct) =>
            (await s.CreateAsync(body, ct)).ToResult(v => TypedResults.Created($"/api/v1/teams/{v.Id}", v)));
        write.MapPut("/teams/{id:guid}", async (Guid id, TeamRequest body, TeamService s, CancellationToken ct) =>
            (await s.UpdateAsync(id, body, ct)).ToResult(TypedResults.Ok));
        write.MapDelete("/teams/{id:guid}", async (Guid id, TeamService s, CancellationToken ct) => (await s.DeleteAsync(id, ct)).ToResult());
    }

    private static void MapWorkItems(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        read.MapGet("/products/{id:guid}/backlog", async (Guid id, [AsParameters] BacklogQuery query, BacklogQueryService s, CancellationToken ct) =>
            (await s.BacklogAsync(id, query.ToFilter(), ct)).ToResult(TypedResults.Ok));
        read.MapGet("/products/{id:guid}/hierarchy", async (Guid id, bool? includeClosed, BacklogQueryService s, CancellationToken ct) =>
            (await s.HierarchyAsync(id, includeClosed ?? true, ct)).ToResult(TypedResults.Ok));
        read.MapGet("/products/{id:guid}/board", async (Guid id, Guid? sprintId, Swimlanes? swimlanes, BacklogQueryService s, CancellationToken ct) =>
            (await s.BoardAsync(id, sprintId, swimlanes ?? Swimlanes.None, ct)).ToResult(TypedResults.Ok));
        write.MapPost("/products/{id:guid}/items", async (Guid id, WorkItemRequest body, WorkItemService s, CancellationToken ct) =>
            (await s.CreateAsync(id, body, ct)).ToResult(v => TypedResults.Created($"/api/v1/items/{v.Id}", v)));
        write.MapPost("/products/{id:guid}/items/quick", async (Guid id, QuickAddRequest body, WorkItemService s, CancellationToken ct) =>
            (await s.QuickAddAsync(id, body, ct)).ToResult(v => TypedResults.Created($"/api/v1/items/{v.Id}", v)));
        write.MapPost("/products/{id:guid}/items/bulk", async (Guid id, BulkEditRequest body, BulkEditService s, CancellationToken ct) =>
            (await s.BulkEditAsync(id, body, ct)).ToResult(v => v.Status == MoveStatus.Moved ? TypedResults.Ok(v) : NeedsConfirmation(v.Message ?? "")));
        read.MapGet("/items/{id:guid}", async (Guid id, WorkItemService s, CancellationToken ct) =>
            await s.GetAsync(id, ct) is { } item ? Results.Ok(item) : Failure.NotFound("The work item").ToProblem());
        write.MapPut("/items/{id:guid}", async (Guid id, WorkItemRequest body, WorkItemService s, CancellationToken ct) =>
            (await s.UpdateAsync(id, body, ct)).ToResult(TypedResults.Ok));
        write.MapDelete("/items/{id:guid}", async (Guid id, WorkItemService s, CancellationToken ct) => (await s.DeleteAsync(id, ct)).ToResult());
        write.MapPost("/items/{id:guid}/move", async (Guid id, MoveRequest body, WorkItemPlacementService s, CancellationToken ct) =>
            (await s.MoveAsync(id, body, ct)).ToResult(v => v.Status == MoveStatus.Moved
                ? TypedResults.Ok(v)
                : NeedsConfirmation($"'{v.ColumnName}' is at its WIP limit of {v.WipLimit} ({v.ItemsInColumn} items). Send confirmWipBreach: true to go past it.")));
        write.MapPost("/items/{id:guid}/rank", async (Guid id, RankRequest body, WorkItemPlacementService s, CancellationToken ct) =>
            (await s.RankAsync(id, body, ct)).ToResult(TypedResults.Ok));
    }

    private static void MapItemDetails(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        read.MapGet("/items/{id:guid}/history", async (Guid id, WorkItemDetailsService s, CancellationToken ct) => (await s.HistoryAsync(id, ct)).ToResult(TypedResults.Ok));
        read.MapGet("/items/{id:guid}/comments", async (Guid id, WorkItemDetailsService s, CancellationToken ct) => (await s.CommentsAsync(id, ct)).ToResult(TypedResults.Ok));
        write.MapPost("/items/{id:guid}/comments", async (Guid id, CommentRequest body, WorkItemDetailsService s, CancellationToken ct) =>
            (await s.AddCommentAsync(id, body, ct)).ToResult(v => TypedResults.Created($"/api/v1/comments/{v.Id}", v)));
        write.MapPut("/comments/{id:guid}", async (Guid id, CommentRequest body, WorkItemDetailsService s, CancellationToken ct) =>
            (await s.EditCommentAsync(id, body, ct)).ToResult(TypedResults.Ok));
        write.MapDelete("/comments/{id:guid}", async (Guid id, WorkItemDetailsService s, CancellationToken ct) => (await s.DeleteCommentAsync(id, ct)).ToResult());
        read.MapGet("/items/{id:guid}/attachments", async (Guid id, WorkItemDetailsService s, CancellationToken ct) => (await s.AttachmentsAsync(id, ct)).ToResult(TypedResults.Ok));
        write.MapPost("/items/{id:guid}/attachments", async (Guid id, AttachmentRequest body, WorkItemDetailsService s, CancellationToken ct) =>
            (await s.AddAttachmentAsync(id, body, ct)).ToResult(v => TypedResults.Created($"/api/v1/attachments/{v.Id}", v)));
        write.MapDelete("/attachments/{id:guid}", async (Guid id, WorkItemDetailsService s, CancellationToken ct) => (await s.RemoveAttachmentAsync(id, ct)).ToResult());
        // Uploads and downloads as every file endpoint has them (FileEndpoints): the file as the body, ?name= its name.
        write.MapPost("/items/{id:guid}/files", async (Guid id, string? name, HttpRequest request, AttachmentFileService s, CancellationToken ct) =>
                FileEndpoints.RefuseOtherBodies(request)
                ?? (await s.UploadAsync(id, name, request.Body, ct)).ToResult(v => TypedResults.Created($"/api/v1/attachments/{v.Id}/content", v)))
            .WithBodyLimit(((IEndpointRouteBuilder)write).ServiceProvider.GetRequiredService<FileStoreOptions>().MaxBytes);
        read.MapGet("/attachments/{id:guid}/content", async (Guid id, AttachmentFileService s, HttpResponse response, CancellationToken ct) =>
            await s.OpenAsync(id, ct) is { Value: { } file }
                ? FileEndpoints.Download(response, file.Content, file.Attachment.ContentType, file.Attachment.FileName)
                : Failure.NotFound("The attached file").ToProblem());
        write.MapPost("/items/{id:guid}/links", async (Guid id, LinkRequest body, WorkItemDetailsService s, CancellationToken ct) =>
            (await s.AddLinkAsync(id, body, ct)).ToResult(v => TypedResults.Created($"/api/v1/links/{v.Id}", v)));
        write.MapDelete("/links/{id:guid}", async (Guid id, WorkItemDetailsService s, CancellationToken ct) => (await s.RemoveLinkAsync(id, ct)).ToResult());
        write.MapPut("/items/{id:guid}/hypothesis", async (Guid id, HypothesisRequest body, ValueTrackingService s, CancellationToken ct) =>
            (await s.SetAsync(id, body, ct)).ToResult(TypedResults.Ok));
        write.MapDelete("/items/{id:guid}/hypothesis", async (Guid id, ValueTrackingService s, CancellationToken ct) => (await s.RemoveAsync(id, ct)).ToResult());
    }

    private static void MapSprints(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        read.MapGet("/products/{id:guid}/sprints", async (Guid id, SprintService s, CancellationToken ct) => (await s.ListAsync(id, ct)).ToResult(TypedResults.Ok));
        write.MapPost("/products/{id:guid}/sprints", async (Guid id, SprintRequest body, SprintService s, CancellationToken ct) =>
            (await s.CreateAsync(id, body, ct)).ToResult(v => TypedResults.Created($"/api/v1/sprints/{v.Id}", v)));
        read.MapGet("/sprints/{id:guid}", async (Guid id, SprintService s, CancellationToken ct) =>
            await s.GetAsync(id, ct) is { } sprint ? Results.Ok(sprint) : Failure.NotFound("The sprint").ToProblem());
        write.MapPut("/sprints/{id:guid}", async (Guid id, SprintRequest body, SprintService s, CancellationToken ct) => (await s.UpdateAsync(id, body, ct)).ToResult(TypedResults.Ok));
        write.MapDelete("/sprints/{id:guid}", async (Guid id, SprintService s, CancellationToken ct) => (await s.DeleteAsync(id, ct)).ToResult());
        read.MapGet("/sprints/{id:guid}/plan", async (Guid id, SprintService s, CancellationToken ct) => (await s.GetPlanAsync(id, ct)).ToResult(TypedResults.Ok));
        write.MapPost("/sprints/{id:guid}/plan", async (Guid id, PlanItemsRequest body, SprintService s, CancellationToken ct) => (await s.PlanAsync(id, body, ct)).ToResult(TypedResults.Ok));
        write.MapPost("/sprints/{id:guid}/start", async (Guid id, SprintService s, CancellationToken ct) => (await s.StartAsync(id, ct)).ToResult(TypedResults.Ok));
        write.MapPost("/sprints/{id:guid}/close", async (Guid id, CloseSprintRequest body, SprintService s, CancellationToken ct) => (await s.CloseAsync(id, body, ct)).ToResult(TypedResults.Ok));
    }

    private static void MapChartsAndFiles(RouteGroupBuilder read, RouteGroupBuilder write)
    {
        read.MapGet("/products/{id:guid}/charts/velocity", async (Guid id, int? last, BacklogChartsService s, CancellationToken ct) =>
            (await s.VelocityAsync(id, last ?? 6, ct)).ToResult(TypedResults.Ok));
        read.MapGet("/sprints/{id:guid}/burndown", async (Guid id, BacklogChartsService s, CancellationToken ct) => (await s.BurndownAsync(id, ct)).ToResult(TypedResults.Ok));
        read.MapGet("/products/{id:guid}/charts/cumulative-flow", async (Guid id, DateOnly from, DateOnly to, bool? byColumn, BacklogChartsService s, CancellationToken ct) =>
            (await s.CumulativeFlowAsync(id, from, to, byColumn ?? false, ct)).ToResult(TypedResults.Ok));
        read.MapGet("/products/{id:guid}/charts/flow-times", async (Guid id, DateTimeOffset? since, BacklogChartsService s, CancellationToken ct) =>
            (await s.FlowTimesAsync(id, since ?? DateTimeOffset.MinValue, ct)).ToResult(TypedResults.Ok));
        read.MapGet("/products/{id:guid}/value", async (Guid id, ValueTrackingService s, CancellationToken ct) => (await s.DeliveredAsync(id, ct)).ToResult(TypedResults.Ok));
        read.MapGet("/products/{id:guid}/export.csv", async (Guid id, BacklogCsvService s, CancellationToken ct) =>
            (await s.ExportCsvAsync(id, ct)).ToResult(csv => TypedResults.File(csv, "text/csv; charset=utf-8", "backlog.csv"))).AuditExport("Backlog CSV");
        read.MapGet("/products/{id:guid}/export.xlsx", async (Guid id, BacklogCsvService s, CancellationToken ct) =>
            (await s.ExportExcelAsync(id, ct)).ToResult(xlsx => TypedResults.File(xlsx, BacklogCsvService.ExcelContentType, "backlog.xlsx"))).AuditExport("Backlog Excel");
        write.MapPost("/products/{id:guid}/import/preview", async (Guid id, HttpRequest request, BacklogCsvService s, CancellationToken ct) =>
            await WithCsvAsync(request, async csv => (await s.PreviewAsync(id, csv, ct)).ToResult(TypedResults.Ok), ct))
            .WithBodyLimit(BacklogCsvService.MaxImportBytes);
        write.MapPost("/products/{id:guid}/import", async (Guid id, bool? skipBadRows, HttpRequest request, BacklogCsvService s, CancellationToken ct) =>
            await WithCsvAsync(request, async csv => (await s.ImportAsync(id, csv, skipBadRows ?? false, ct)).ToResult(TypedResults.Ok), ct))
            .WithBodyLimit(BacklogCsvService.MaxImportBytes);
    }

    /// <summary>The import's body is the CSV file itself, as <c>text/csv</c>: 415 for anything else (a cross-site form can send text/plain without asking).</summary>
    private static async Task<IResult> WithCsvAsync(HttpRequest request, Func<string, Task<IResult>> then, CancellationToken ct)
    {
        if (!CsvUpload.IsCsv(request))
            return TypedResults.Problem("Send the CSV file as the body with Content-Type: text/csv.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        var read = await CsvUpload.ReadAsync(request.Body, BacklogCsvService.MaxImportRows, ct);
        return read.Failure is { } failure ? failure.ToProblem() : await then(read.Value!);
    }

    private static IResult NeedsConfirmation(string message) => TypedResults.Problem(message, statusCode: StatusCodes.Status409Conflict,
        title: "WIP limit reached", extensions: new Dictionary<string, object?> { ["needsConfirmation"] = true });
}
