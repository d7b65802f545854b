using Microsoft.AspNetCore.Diagnostics;

namespace FactoryCloud.Web.Common.Errors;

/// <summary>
/// Stands in for the developer exception page that WebApplication adds in Development: an exception the exception
/// handler itself could not answer gets a bare 500 problem details here, not the exception's page.
/// </summary>
internal sealed class NoDeveloperPage(IProblemDetailsService problems) : IDeveloperPageExceptionFilter
{
    public async Task HandleExceptionAsync(ErrorContext errorContext, Func<ErrorContext, Task> next)
    {
        var context = errorContext.HttpContext;
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." },
        });
    }
}
