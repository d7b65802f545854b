using FactoryCloud.Domain.Value;

namespace FactoryCloud.Web.Features.Value;

/// <summary>Cost rates per site: every member reads them (the value figures need them), only an Owner sets them.</summary>
public sealed class CostRatesService(IDbContextFactory<AppDbContext> contexts, CurrentTenant current, TimeProvider clock)
{
    public async Task<IReadOnlyList<SiteCostRatesView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sites = await db.Sites.OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var rates = await db.SiteCostRates.AsNoTracking().ToDictionaryAsync(r => r.SiteId, ct);
        var lines = (await LinesAsync(db, null, ct)).ToLookup(l => l.SiteId);
        return sites.Select(s => View(s.Id, s.Name, rates.GetValueOrDefault(s.Id), lines[s.Id])).ToList();
    }

    public async Task<OperationResult<SiteCostRatesView>> GetAsync(Guid siteId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Sites.Where(s => s.Id == siteId).Select(s => s.Name).FirstOrDefaultAsync(ct) is not { } name) return Failure.NotFound("The site");
        return View(siteId, name, await db.SiteCostRates.AsNoTracking().FirstOrDefaultAsync(r => r.SiteId == siteId, ct), await LinesAsync(db, siteId, ct));
    }

    public async Task<OperationResult<SiteCostRatesView>> SetAsync(Guid siteId, CostRatesRequest request, CancellationToken ct = default)
    {
        if (current.Role != TenantRole.Owner) return Failure.Forbidden("Only an Owner sets cost rates.");
        var currency = request.Currency?.Trim().ToUpperInvariant();
        if (CostRateRules.Validate(currency, request.DowntimePerHour, request.ScrapPerUnit, request.EnergyPerKwh) is { Count: > 0 } errors)
            return new Failure(FailureKind.Validation, "The cost rates are not valid.", errors.ToDictionary(e => e.Key, e => e.Value));
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Sites.Where(s => s.Id == siteId).Select(s => s.Name).FirstOrDefaultAsync(ct) is not { } name) return Failure.NotFound("The site");
        var lines = await LinesAsync(db, siteId, ct);
        if (request.LineDowntime is { } wanted && CostRateRules.ValidateLines(wanted, lines.Select(l => l.LineId).ToHashSet()) is { Count: > 0 } lineErrors)
            return new Failure(FailureKind.Validation, "The cost rates are not valid.", lineErrors.ToDictionary(e => e.Key, e => e.Value));
        var rates = await db.SiteCostRates.FirstOrDefaultAsync(r => r.SiteId == siteId, ct);
        if (rates is null) db.SiteCostRates.Add(rates = new SiteCostRates { SiteId = siteId, Currency = currency! });
        (rates.Currency, rates.DowntimePerHour, rates.ScrapPerUnit, rates.EnergyPerKwh) = (currency!, request.DowntimePerHour, request.ScrapPerUnit, request.EnergyPerKwh);
        if (request.LineDowntime is { } lineRates) rates.LineDowntime = [.. lineRates];
        (rates.UpdatedAt, rates.UpdatedBy) = (clock.GetUtcNow(), current.UserId?.ToString());
        await db.SaveChangesAsync(ct);
        return View(siteId, name, rates, lines);
    }

    private sealed record SiteLine(Guid SiteId, Guid LineId, string Name);

    /// <summary>The lines of one site (or of every site), by area then line name.</summary>
    private static async Task<List<SiteLine>> LinesAsync(AppDbContext db, Guid? siteId, CancellationToken ct) =>
        await (from l in db.Lines
               join a in db.Areas on l.AreaId equals a.Id
               where siteId == null || a.SiteId == siteId
               orderby a.Name, l.Name
               select new SiteLine(a.SiteId, l.Id, l.Name)).ToListAsync(ct);

    private static SiteCostRatesView View(Guid siteId, string name, SiteCostRates? r, IEnumerable<SiteLine> lines) =>
        new(siteId, name, r?.Currency, r?.DowntimePerHour, r?.ScrapPerUnit, r?.EnergyPerKwh, r?.UpdatedAt, r?.UpdatedBy,
            lines.Select(l => new LineCostRateView(l.LineId, l.Name, r?.HasLineRate(l.LineId) == true ? r.DowntimePerHourOf(l.LineId) : null)).ToList());
}
