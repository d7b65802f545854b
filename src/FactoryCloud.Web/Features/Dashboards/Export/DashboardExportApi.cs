using System.Globalization;
using System.Text;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Web.Common.Export;
using FactoryCloud.Web.Features.Kpis;
using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Dashboards.Export;

/// <summary>
/// <c>GET /api/v1/{machines|lines|areas|sites}/{id}/dashboard.csv|.xlsx?range=Today</c> (range: CurrentShift, Today,
/// Yesterday, Last7Days, Last30Days, or Custom with <c>from</c> and <c>to</c> as local dates yyyy-MM-dd): what the
/// dashboard shows, for any member.
/// </summary>
public static class DashboardExportApi
{
    public static IEndpointRouteBuilder MapDashboardExportApi(this IEndpointRouteBuilder api)
    {
        var exports = api.MapGroup("").WithTags("Dashboards").RequireAuthorization(TenantPolicies.Member);
        foreach (var (segment, scope) in new[] { ("machines", KpiScope.Machine), ("lines", KpiScope.Line), ("areas", KpiScope.Area), ("sites", KpiScope.Site) })
        {
            exports.MapGet($"/{segment}/{{id:guid}}/dashboard.csv", async (Guid id, string? range, string? from, string? to, ScopeDashboardService s, CancellationToken ct) =>
                (await LoadAsync(s, scope, id, range, from, to, ct)).ToResult(d =>
                    TypedResults.File(Encoding.UTF8.GetBytes(CsvExport.Write(DashboardExport.Tables(d))), "text/csv; charset=utf-8", FileName(d, "csv"))))
                .AuditExport($"{scope} dashboard CSV");
            exports.MapGet($"/{segment}/{{id:guid}}/dashboard.xlsx", async (Guid id, string? range, string? from, string? to, ScopeDashboardService s, CancellationToken ct) =>
                (await LoadAsync(s, scope, id, range, from, to, ct)).ToResult(d =>
                    TypedResults.File(XlsxExport.Write(DashboardExport.Tables(d)), XlsxExport.ContentType, FileName(d, "xlsx"))))
                .AuditExport($"{scope} dashboard Excel");
        }
        return api;
    }

    /// <summary>The export link of what a dashboard shows.</summary>
    public static string Url(KpiScope scope, Guid id, TimeRangeKind range, string format) =>
        $"/api/v1/{scope.ToString().ToLowerInvariant()}s/{id}/dashboard.{format}?range={range}";

    private static async Task<OperationResult<ScopeDashboard>> LoadAsync(
        ScopeDashboardService service, KpiScope scope, Guid id, string? range, string? from, string? to, CancellationToken ct)
    {
        if (!Enum.TryParse<TimeRangeKind>(range ?? nameof(TimeRangeKind.Today), ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            return Failure.Invalid("range", "Use CurrentShift, Today, Yesterday, Last7Days, Last30Days or Custom.");
        DateOnly? fromDate = null, toDate = null;
        if (kind == TimeRangeKind.Custom)
        {
            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f))
                return Failure.Invalid("from", "A custom range needs 'from' as a date (yyyy-MM-dd).");
            if (!DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                return Failure.Invalid("to", "A custom range needs 'to' as a date (yyyy-MM-dd).");
            if (t.DayNumber - f.DayNumber > KpiQuery.MaxSpan.TotalDays) return Failure.Invalid("to", "A custom range may span at most 400 days.");
            (fromDate, toDate) = (f, t);
        }
        return await service.GetAsync(scope, id, kind, fromDate, toDate, ct);
    }

    private static string FileName(ScopeDashboard d, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{d.Scope.ToString().ToLowerInvariant()}-{Slug(d.Name)}-{d.Window.Start.UtcDateTime:yyyyMMddHHmm}.{extension}");

    private static string Slug(string name) => new(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}
