using Microsoft.AspNetCore.Http.HttpResults;

namespace FactoryCloud.Web.Features.Audit;

/// <summary>
/// <c>.AuditExport("Backlog CSV")</c> on an export endpoint records each successful download in the audit trail,
/// before the file is sent: if the entry cannot be written the download fails rather than go unrecorded.
/// </summary>
public static class AuditExportFilter
{
    public static TBuilder AuditExport<TBuilder>(this TBuilder builder, string what) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
            if (status is >= 200 and < 300)
            {
                var request = context.HttpContext.Request;
                var file = (result as IFileHttpResult)?.FileDownloadName;
                var details = $"{request.Path}{request.QueryString}" + (file is null ? "" : $" ({file})");
                await context.HttpContext.RequestServices.GetRequiredService<AuditLog>()
                    .WriteAsync(AuditAction.ExportDownloaded, what, details, context.HttpContext.RequestAborted);
            }
            return result;
        });
}
