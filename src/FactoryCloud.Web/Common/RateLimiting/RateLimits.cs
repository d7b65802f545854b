using System.Globalization;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using FactoryCloud.Infrastructure.Configuration;
using FactoryCloud.Web.Common.Errors;
using FactoryCloud.Web.Features.Tenancy;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Common.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter on sign-in, sign-up and the API. Partitions are the client address
/// (<c>Connection.RemoteIpAddress</c>: a forwarded-for header is not trusted unless forwarded headers are configured
/// for a known proxy) or, for the API, the signed-in user. Failed sign-ins also wait progressively longer per address
/// and account (<c>SignInDelays</c>, in the account feature; the address is in the body, which a policy cannot read).
/// A refusal is 429 problem details with <c>Retry-After</c> in seconds.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string SignUp = "sign-up";
    public const string Api = "api";

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidatedOnStart(o => o.Validate());
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, configured) =>
        {
            var limits = configured.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) => WriteTooManyRequestsAsync(context.HttpContext,
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null);
            // Only submissions count: looking at the sign-in or sign-up page is free.
            options.AddPolicy(SignIn, context => IsSubmission(context)
                ? FixedWindow("sign-in:" + ClientAddress(context), limits.SignInPerAddress)
                : RateLimitPartition.GetNoLimiter(""));
            options.AddPolicy(SignUp, context => IsSubmission(context)
                ? FixedWindow("sign-up:" + ClientAddress(context), limits.SignUpPerAddress)
                : RateLimitPartition.GetNoLimiter(""));
            options.AddPolicy(Api, context => FixedWindow(
                context.User.UserId() is { } user ? "api-user:" + user : "api-address:" + ClientAddress(context), limits.ApiPerClient));
        });
        return services;
    }

    /// <summary>The 429 of an endpoint that limits by itself (sign-in delays): as the middleware's.</summary>
    public static IResult TooManyRequests(HttpContext context, TimeSpan retryAfter)
    {
        SetRetryAfter(context, retryAfter);
        return TypedResults.Problem(Detail(retryAfter), statusCode: StatusCodes.Status429TooManyRequests, title: Title);
    }

    /// <summary>Whole seconds, rounded up, at least 1.</summary>
    public static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private const string Title = "Too many requests.";

    private static string Detail(TimeSpan? retryAfter) =>
        retryAfter is { } wait ? $"Too many attempts. Try again in {RetryAfterSeconds(wait)} seconds." : "Too many attempts. Try again later.";

    private static void SetRetryAfter(HttpContext context, TimeSpan retryAfter) =>
        context.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter).ToString(CultureInfo.InvariantCulture);

    private static async ValueTask WriteTooManyRequestsAsync(HttpContext context, TimeSpan? retryAfter)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (retryAfter is { } wait) SetRetryAfter(context, wait);
        if (ErrorResponses.IsPageRequest(context))
        {
            // A browser's form post (sign-in, sign-up): a page that says why and leads back, not problem details.
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(TooManyRequestsPage(Detail(retryAfter), context.Request.Path));
            return;
        }
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = Title, Detail = Detail(retryAfter) },
        });
    }

    private static string TooManyRequestsPage(string detail, PathString path)
    {
        var back = HtmlEncoder.Default.Encode(path.HasValue ? path.Value! : "/");
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Title} · FactoryCloud</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
            <h1>{Title}</h1><p>{HtmlEncoder.Default.Encode(detail)}</p><p><a href="{back}">Back</a></p>
            </body></html>
            """;
    }

    private static RateLimitPartition<string> FixedWindow(string key, RateLimitRule rule) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = rule.PermitLimit,
            Window = rule.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static bool IsSubmission(HttpContext context) =>
        !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
