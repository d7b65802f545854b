using Microsoft.AspNetCore.Http.Metadata;

namespace FactoryCloud.Web.Common.Security;

/// <summary>
/// How much a request may send. Kestrel refuses any body over <see cref="DefaultBytes"/> (1 MiB; the setting
/// <c>Kestrel:Limits:MaxRequestBodySize</c> changes it); an endpoint that needs more says so with
/// <see cref="WithBodyLimit{TBuilder}"/>, which routing applies before the endpoint reads. Over the limit, reading the
/// body throws and the caller gets 413 problem details.
/// </summary>
public static class RequestBodyLimits
{
    public const long DefaultBytes = 1024 * 1024;

    public static WebApplicationBuilder LimitRequestBodies(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetValue<long?>("Kestrel:Limits:MaxRequestBodySize");
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = configured ?? DefaultBytes);
        return builder;
    }

    /// <summary>Lets this endpoint's body be up to <paramref name="bytes"/> long (more or less than the default).</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder endpoint, long bytes) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new BodyLimit(bytes));

    private sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
