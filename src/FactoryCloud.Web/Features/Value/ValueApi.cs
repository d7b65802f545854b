using FactoryCloud.Web.Common.Export;
using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Value;

/// <summary>
/// Cost rates per site (<c>GET /cost-rates</c>, <c>GET|PUT /sites/{id}/cost-rates</c>: members read, Owners set) and
/// value in money (<c>GET /value</c>: items and roll-ups; <c>GET /value/items.csv</c>; value against effort
/// <c>GET /value/effort</c>, <c>/value/effort.csv</c>, <c>/value/effort.xlsx</c>; all of it, items, roll-ups per product,
/// site and organisation and effort, as <c>/value.csv</c> and <c>/value.xlsx</c>).
/// </summary>
public static class ValueApi
{
    public static IEndpointRouteBuilder MapValueApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Value").RequireAuthorization(TenantPolicies.Member);
        group.MapGet("/cost-rates", async (CostRatesService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)));
        group.MapGet("/sites/{id:guid}/cost-rates", async (Guid id, CostRatesService s, CancellationToken ct) => (await s.GetAsync(id, ct)).ToResult(TypedResults.Ok));
        group.MapPut("/sites/{id:guid}/cost-rates", async (Guid id, CostRatesRequest body, CostRatesService s, CancellationToken ct) =>
            (await s.SetAsync(id, body, ct)).ToResult(TypedResults.Ok)).RequireAuthorization(TenantPolicies.Owner);
        group.MapGet("/value", async (ValueInMoneyService s, CancellationToken ct) => TypedResults.Ok(await s.ProgramAsync(ct)));
        group.MapGet("/value/items.csv", async (ValueInMoneyService s, CancellationToken ct) =>
                Results.File(System.Text.Encoding.UTF8.GetBytes(await s.CsvAsync(ct)), "text/csv; charset=utf-8", "value-delivered.csv"))
            .AuditExport("Value delivered CSV");
        group.MapGet("/value.csv", async (ValueInMoneyService s, CancellationToken ct) =>
                Results.File(System.Text.Encoding.UTF8.GetBytes(CsvExport.Write(await s.ExportAsync(ct))), "text/csv; charset=utf-8", "value-delivered.csv"))
            .AuditExport("Value delivered and roll-ups CSV");
        group.MapGet("/value.xlsx", async (ValueInMoneyService s, CancellationToken ct) =>
                Results.File(XlsxExport.Write(await s.ExportAsync(ct)), XlsxExport.ContentType, "value-delivered.xlsx"))
            .AuditExport("Value delivered and roll-ups Excel");
        group.MapGet("/value/effort", async (ValueInMoneyService s, CancellationToken ct) => TypedResults.Ok(await s.EffortCurveAsync(ct)));
        group.MapGet("/value/effort.csv", async (ValueInMoneyService s, CancellationToken ct) =>
                Results.File(System.Text.Encoding.UTF8.GetBytes(await s.EffortCsvAsync(ct)), "text/csv; charset=utf-8", "value-against-effort.csv"))
            .AuditExport("Value against effort CSV");
        group.MapGet("/value/effort.xlsx", async (ValueInMoneyService s, CancellationToken ct) =>
                Results.File(await s.EffortXlsxAsync(ct), XlsxExport.ContentType, "value-against-effort.xlsx"))
            .AuditExport("Value against effort Excel");
        return api;
    }
}
