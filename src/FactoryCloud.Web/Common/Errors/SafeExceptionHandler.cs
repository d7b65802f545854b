using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace FactoryCloud.Web.Common.Errors;

/// <summary>
/// A request the app cannot read (malformed JSON, a wrong content type, a missing body) answers its 4xx as problem
/// details; any other exception is logged with the trace id and answers 500 problem details, or the error page for
/// a browser. Nothing of the exception reaches the response.
/// </summary>
internal sealed partial class SafeExceptionHandler(IProblemDetailsService problems, ILogger<SafeExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            LogBadRequest(logger, context.Request.Method, context.Features.Get<IExceptionHandlerPathFeature>()?.Path, bad.StatusCode, bad.Message);
            return await WriteAsync(context, bad.StatusCode, null, Describe(bad));
        }

        LogUnhandled(logger, exception, ErrorResponses.TraceId(context));
        if (ErrorResponses.IsPageRequest(context))
        {
            // Not handled here: the middleware re-executes the error page. A failed form post shows it too, as a GET
            // (a page's POST expects a form and its antiforgery token).
            context.Request.Method = HttpMethods.Get;
            return false;
        }
        return await WriteAsync(context, StatusCodes.Status500InternalServerError, "An unexpected error occurred.",
            "The error was logged. Quote the trace id when you report it.");
    }

    private async Task<bool> WriteAsync(HttpContext context, int status, string? title, string detail)
    {
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>The framework's words for what was wrong with the request, or where the JSON broke; never the exception itself.</summary>
    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException { Path: { } path, LineNumber: { } line, BytePositionInLine: { } position } =>
            $"The request body is not valid JSON (at {path}, line {line + 1}, position {position + 1}).",
        JsonException => "The request body is not valid JSON.",
        _ => bad.Message,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} answered {Status}: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string method, string? path, int status, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception (trace id {TraceId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string traceId);
}
