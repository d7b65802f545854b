using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Programs;

/// <summary>The organisation's program (<c>GET /program</c>): per site maturity now and target, epics, value delivered, next re-assessment, timeline. Any member reads.</summary>
public static class ProgramApi
{
    public static IEndpointRouteBuilder MapProgramApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/program", async (ProgramService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(ct)))
            .WithTags("Program").RequireAuthorization(TenantPolicies.Member);
        return api;
    }
}

public static class ProgramSetup
{
    public static IServiceCollection AddProgramView(this IServiceCollection services) => services.AddScoped<ProgramService>();
}
