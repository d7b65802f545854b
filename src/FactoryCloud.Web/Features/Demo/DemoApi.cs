using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Demo;

public static class DemoApi
{
    /// <summary><c>POST /demo/reset</c>: 204 after the demo content was deleted and seeded again; 404 outside the demo organisation, 403 for non-Owners.</summary>
    public static IEndpointRouteBuilder MapDemoApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/demo/reset", async (DemoReset reset, CancellationToken ct) => (await reset.ResetAsync(ct)).ToResult())
            .WithTags("Demo").RequireAuthorization(TenantPolicies.Member);
        return api;
    }
}
