using System.Text;
using FactoryCloud.Web.Common.Export;
using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Programs;

/// <summary>
/// The organisation's program (<c>GET /program</c>): per site maturity now and target, epics, value delivered, next
/// re-assessment, timeline; exported as <c>/program.csv</c> and <c>/program.xlsx</c> (sites and epics). Any member reads.
/// </summary>
public static class ProgramApi
{
    public static IEndpointRouteBuilder MapProgramApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/program", async (ProgramService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(ct)))
            .WithTags("Program").RequireAuthorization(TenantPolicies.Member);
        api.MapGet("/program.csv", async (ProgramService s, CancellationToken ct) =>
                Results.File(Encoding.UTF8.GetBytes(CsvExport.Write(ProgramExport.Tables(await s.GetAsync(ct)))), "text/csv; charset=utf-8", "program.csv"))
            .WithTags("Program").RequireAuthorization(TenantPolicies.Member).AuditExport("Program CSV");
        api.MapGet("/program.xlsx", async (ProgramService s, CancellationToken ct) =>
                Results.File(XlsxExport.Write(ProgramExport.Tables(await s.GetAsync(ct))), XlsxExport.ContentType, "program.xlsx"))
            .WithTags("Program").RequireAuthorization(TenantPolicies.Member).AuditExport("Program Excel");
        return api;
    }
}

public static class ProgramSetup
{
    public static IServiceCollection AddProgramView(this IServiceCollection services) => services.AddScoped<ProgramService>();
}
