using System.Globalization;
using System.Text;
using FactoryCloud.Domain.Common;

namespace FactoryCloud.Web.Features.Audit;

/// <summary>Reads the current tenant's audit trail, newest first, for its Owners: a page at a time, or all of it as CSV.</summary>
public sealed class AuditTrailService(IDbContextFactory<AppDbContext> contexts, CurrentTenant current)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>A CSV export holds at most this many entries (the newest); narrow the filter for older ones.</summary>
    public const int MaxCsvRows = 100_000;

    private const string OwnersOnly = "Only Owners can read the audit trail.";

    public async Task<OperationResult<AuditEntryPage>> PageAsync(AuditFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        if (current.Role != TenantRole.Owner) return Failure.Forbidden(OwnersOnly);
        if (page < 1) return Failure.Invalid("page", "The page is counted from 1.");
        if (pageSize is < 1 or > MaxPageSize) return Failure.Invalid("pageSize", $"A page holds 1 to {MaxPageSize} entries.");
        if (Invalid(filter) is { } invalid) return invalid;

        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = Filtered(db, filter);
        var total = await query.CountAsync(ct);
        var items = await Newest(query).Skip((page - 1) * pageSize).Take(pageSize).Select(ToView).ToListAsync(ct);
        return new AuditEntryPage(items, total, page, pageSize);
    }

    /// <summary>One row per entry, newest first, cells escaped against spreadsheet formulas (<see cref="CsvText"/>).</summary>
    public async Task<OperationResult<string>> CsvAsync(AuditFilter filter, CancellationToken ct = default)
    {
        if (current.Role != TenantRole.Owner) return Failure.Forbidden(OwnersOnly);
        if (Invalid(filter) is { } invalid) return invalid;

        await using var db = await contexts.CreateDbContextAsync(ct);
        var csv = new StringBuilder();
        csv.Append(CsvText.Line(["Occurred at (UTC)", "Action", "Actor", "Actor id", "Target", "Details", "IP address"])).Append("\r\n");
        await foreach (var e in Newest(Filtered(db, filter)).Take(MaxCsvRows).Select(ToView).AsAsyncEnumerable().WithCancellation(ct))
            csv.Append(CsvText.Line([
                e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), e.Action.ToString(), e.Actor,
                e.ActorUserId?.ToString(), e.Target, e.Details, e.IpAddress,
            ])).Append("\r\n");
        return csv.ToString();
    }

    private static Failure? Invalid(AuditFilter filter) =>
        filter.From is { } from && filter.To is { } to && to <= from ? Failure.Invalid("to", "'to' must be after 'from'.") : null;

    private static IQueryable<AuditEntry> Filtered(AppDbContext db, AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (filter.Action is { } action) query = query.Where(e => e.Action == action);
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim().ToLowerInvariant();
            query = query.Where(e => e.ActorName != null && e.ActorName.ToLower().Contains(actor));
        }
        // Entries are stored in UTC; SQLite compares the stored form, which includes the offset, so compare in UTC too.
        if (filter.From?.ToUniversalTime() is { } from) query = query.Where(e => e.OccurredAt >= from);
        if (filter.To?.ToUniversalTime() is { } to) query = query.Where(e => e.OccurredAt < to);
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim().ToLowerInvariant();
            query = query.Where(e => e.Target.ToLower().Contains(text) || (e.Details != null && e.Details.ToLower().Contains(text)));
        }
        return query;
    }

    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> query) => query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id);

    private static readonly System.Linq.Expressions.Expression<Func<AuditEntry, AuditEntryView>> ToView = e =>
        new AuditEntryView(e.Id, e.OccurredAt, e.Action, e.ActorUserId, e.ActorName, e.Target, e.Details, e.IpAddress);
}
