using System.Globalization;
using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Audit;

/// <summary>
/// <c>GET /api/v1/audit?page=1&amp;pageSize=50&amp;action=&amp;actor=&amp;from=&amp;to=&amp;q=</c> (a page of entries, newest
/// first, with the total) and <c>GET /api/v1/audit.csv</c> with the same filters: for Owners. <c>action</c> is an
/// <see cref="AuditAction"/> name, <c>actor</c> and <c>q</c> match part of the actor's address or of the target and
/// details, <c>from</c> (inclusive) and <c>to</c> (exclusive) are ISO 8601 times (UTC unless an offset is given).
/// </summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder api)
    {
        var audit = api.MapGroup("").WithTags("Audit").RequireAuthorization(TenantPolicies.Owner);
        audit.MapGet("/audit", async (string? page, string? pageSize, string? action, string? actor, string? from, string? to, string? q,
            AuditTrailService s, CancellationToken ct) =>
        {
            if (!TryParsePositive(page, 1, out var pageNumber)) return Failure.Invalid("page", "The page is a whole number counted from 1.").ToProblem();
            if (!TryParsePositive(pageSize, AuditTrailService.DefaultPageSize, out var size))
                return Failure.Invalid("pageSize", $"A page holds 1 to {AuditTrailService.MaxPageSize} entries.").ToProblem();
            var filter = ParseFilter(action, actor, from, to, q);
            return filter.Failure is { } invalid
                ? invalid.ToProblem()
                : (await s.PageAsync(filter.Value!, pageNumber, size, ct)).ToResult(TypedResults.Ok);
        });
        audit.MapGet("/audit.csv", async (string? action, string? actor, string? from, string? to, string? q, AuditTrailService s, TimeProvider clock, CancellationToken ct) =>
            {
                var filter = ParseFilter(action, actor, from, to, q);
                if (filter.Failure is { } invalid) return invalid.ToProblem();
                return (await s.CsvAsync(filter.Value!, ct)).ToResult(csv => TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv),
                    "text/csv; charset=utf-8", string.Create(CultureInfo.InvariantCulture, $"audit-{clock.GetUtcNow().UtcDateTime:yyyyMMddHHmm}.csv")));
            })
            .AuditExport("Audit trail CSV");
        return api;
    }

    /// <summary>The query string of the CSV export for what the page shows.</summary>
    public static string CsvUrl(AuditFilter filter)
    {
        var parts = new List<string>();
        if (filter.Action is { } action) parts.Add("action=" + action);
        if (!string.IsNullOrWhiteSpace(filter.Actor)) parts.Add("actor=" + Uri.EscapeDataString(filter.Actor.Trim()));
        if (filter.From is { } from) parts.Add("from=" + Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture)));
        if (filter.To is { } to) parts.Add("to=" + Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture)));
        if (!string.IsNullOrWhiteSpace(filter.Text)) parts.Add("q=" + Uri.EscapeDataString(filter.Text.Trim()));
        return "/api/v1/audit.csv" + (parts.Count == 0 ? "" : "?" + string.Join('&', parts));
    }

    private static OperationResult<AuditFilter> ParseFilter(string? action, string? actor, string? from, string? to, string? q)
    {
        AuditAction? parsedAction = null;
        if (!string.IsNullOrWhiteSpace(action))
        {
            if (!Enum.TryParse<AuditAction>(action, ignoreCase: true, out var a) || !Enum.IsDefined(a) || int.TryParse(action, out _))
                return Failure.Invalid("action", "Use one of: " + string.Join(", ", Enum.GetNames<AuditAction>()) + ".");
            parsedAction = a;
        }
        if (!TryParseTime(from, out var fromTime)) return Failure.Invalid("from", "'from' is an ISO 8601 time, e.g. 2026-12-01T00:00:00Z.");
        if (!TryParseTime(to, out var toTime)) return Failure.Invalid("to", "'to' is an ISO 8601 time, e.g. 2026-12-02T00:00:00Z.");
        return new AuditFilter(parsedAction, actor, fromTime, toTime, q);
    }

    private static bool TryParsePositive(string? text, int fallback, out int value)
    {
        if (string.IsNullOrWhiteSpace(text)) { value = fallback; return true; }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1;
    }

    private static bool TryParseTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        value = parsed.ToUniversalTime();
        return true;
    }
}
