using FactoryCloud.Domain.Common;
using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Web.Features.Plants;

/// <summary>Creates, reads, changes and deletes the current tenant's sites, areas, lines and machines.</summary>
public sealed class AssetService(IDbContextFactory<AppDbContext> contexts, CurrentTenant current, Lifecycle.QuotaGuard quotas)
{
    /// <summary>Every site, area, line and machine of the tenant, in four queries.</summary>
    public async Task<PlantTree> GetTreeAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sites = await db.Sites.OrderBy(s => s.Name).ToListAsync(ct);
        var areas = await db.Areas.OrderBy(a => a.Name).Select(a => new AssetView(a.Id, a.SiteId, a.Key, a.Name)).ToListAsync(ct);
        var lines = await db.Lines.OrderBy(l => l.Name).Select(l => new AssetView(l.Id, l.AreaId, l.Key, l.Name)).ToListAsync(ct);
        var machines = (await db.Machines.OrderBy(m => m.Key).ToListAsync(ct)).Select(ToView).ToLookup(m => m.LineId);
        var linesByArea = lines.ToLookup(l => l.ParentId);
        var areasBySite = areas.ToLookup(a => a.ParentId);
        return new PlantTree(sites.Select(site => new PlantTree.SiteNode(ToView(site),
            areasBySite[site.Id].Select(area => new PlantTree.AreaNode(area,
                linesByArea[area.Id].Select(line => new PlantTree.LineNode(line, machines[line.Id].ToList())).ToList())).ToList())).ToList());
    }

    public async Task<IReadOnlyList<SiteView>> ListSitesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await db.Sites.OrderBy(s => s.Name).ToListAsync(ct)).Select(ToView).ToList();
    }

    public async Task<SiteView?> GetSiteAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Sites.FirstOrDefaultAsync(s => s.Id == id, ct) is { } site ? ToView(site) : null;
    }

    public Task<OperationResult<SiteView>> CreateSiteAsync(SiteRequest request, CancellationToken ct = default) =>
        WriteAsync(request, async db =>
        {
            if (await quotas.CheckAsync(db, Quota.Sites, 1, ct) is { } overQuota) return overQuota;
            var site = new Site { Key = request.Key, Name = request.Name.Trim(), TimeZone = request.TimeZone, Shifts = request.Shifts };
            db.Sites.Add(site);
            return await SaveAsync(db, site, ToView, "A site", ct);
        });

    public Task<OperationResult<SiteView>> UpdateSiteAsync(Guid id, SiteRequest request, CancellationToken ct = default) =>
        WriteAsync(request, async db =>
        {
            if (await db.Sites.FirstOrDefaultAsync(s => s.Id == id, ct) is not { } site) return Failure.NotFound("The site");
            (site.Key, site.Name, site.TimeZone, site.Shifts) = (request.Key, request.Name.Trim(), request.TimeZone, request.Shifts);
            return await SaveAsync(db, site, ToView, "A site", ct);
        });

    /// <summary>A site is kept while it has areas or maturity assessments (its history); the conflict names which.</summary>
    public Task<OperationResult> DeleteSiteAsync(Guid id, CancellationToken ct = default) => DeleteAsync<Site>(id, "site", async db =>
    {
        var kept = new List<string>();
        if (await db.Areas.AnyAsync(a => a.SiteId == id, ct)) kept.Add("areas");
        if (await db.MaturityAssessments.AnyAsync(a => a.SiteId == id, ct)) kept.Add("maturity assessments");
        return kept.Count == 0 ? "areas" : string.Join(" and ", kept);
    }, ct);

    public async Task<IReadOnlyList<AssetView>> ListAreasAsync(Guid siteId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Areas.Where(a => a.SiteId == siteId).OrderBy(a => a.Name).Select(a => new AssetView(a.Id, a.SiteId, a.Key, a.Name)).ToListAsync(ct);
    }

    public Task<OperationResult<AssetView>> CreateAreaAsync(Guid siteId, AssetRequest request, CancellationToken ct = default) =>
        CreateChildAsync<Site, Area>(siteId, request, "The site", "An area of this site",
            () => new Area { SiteId = siteId, Key = request.Key, Name = request.Name.Trim() }, ct);

    public Task<OperationResult<AssetView>> UpdateAreaAsync(Guid id, AssetRequest request, CancellationToken ct = default) =>
        UpdateChildAsync<Area>(id, request, "The area", "An area of this site", ct);

    public Task<OperationResult> DeleteAreaAsync(Guid id, CancellationToken ct = default) => DeleteAsync<Area>(id, "area", "lines", ct);

    public async Task<IReadOnlyList<AssetView>> ListLinesAsync(Guid areaId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Lines.Where(l => l.AreaId == areaId).OrderBy(l => l.Name).Select(l => new AssetView(l.Id, l.AreaId, l.Key, l.Name)).ToListAsync(ct);
    }

    public Task<OperationResult<AssetView>> CreateLineAsync(Guid areaId, AssetRequest request, CancellationToken ct = default) =>
        CreateChildAsync<Area, Line>(areaId, request, "The area", "A line of this area",
            () => new Line { AreaId = areaId, Key = request.Key, Name = request.Name.Trim() }, ct);

    public Task<OperationResult<AssetView>> UpdateLineAsync(Guid id, AssetRequest request, CancellationToken ct = default) =>
        UpdateChildAsync<Line>(id, request, "The line", "A line of this area", ct);

    public Task<OperationResult> DeleteLineAsync(Guid id, CancellationToken ct = default) => DeleteAsync<Line>(id, "line", "machines", ct);

    public async Task<IReadOnlyList<MachineView>> ListMachinesAsync(Guid lineId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await db.Machines.Where(m => m.LineId == lineId).OrderBy(m => m.Key).ToListAsync(ct)).Select(ToView).ToList();
    }

    public async Task<MachineView?> GetMachineAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Machines.FirstOrDefaultAsync(m => m.Id == id, ct) is { } machine ? ToView(machine) : null;
    }

    public Task<OperationResult<MachineView>> CreateMachineAsync(Guid lineId, MachineRequest request, CancellationToken ct = default) =>
        WriteAsync(request, async db =>
        {
            if (!await db.Lines.AnyAsync(l => l.Id == lineId, ct)) return Failure.NotFound("The line");
            if (await quotas.CheckAsync(db, Quota.Machines, 1, ct) is { } overQuota) return overQuota;
            var machine = new Machine { LineId = lineId, Key = request.Key, Name = request.Name.Trim() };
            Apply(machine, request);
            db.Machines.Add(machine);
            return await SaveAsync(db, machine, ToView, "A machine of this line", ct);
        });

    public Task<OperationResult<MachineView>> UpdateMachineAsync(Guid id, MachineRequest request, CancellationToken ct = default) =>
        WriteAsync(request, async db =>
        {
            if (await db.Machines.FirstOrDefaultAsync(m => m.Id == id, ct) is not { } machine) return Failure.NotFound("The machine");
            (machine.Key, machine.Name) = (request.Key, request.Name.Trim());
            Apply(machine, request);
            return await SaveAsync(db, machine, ToView, "A machine of this line", ct);
        });

    /// <summary>Adds every row or none: a key already on the line fails the whole import with the rows at fault.</summary>
    public async Task<OperationResult<int>> ImportMachinesAsync(Guid lineId, IReadOnlyList<MachineCsvRow> rows, CancellationToken ct = default)
    {
        if (current.Role?.CanManagePlants() != true) return Failure.Forbidden("Only Owners, Admins and Plant managers can change plants.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Lines.AnyAsync(l => l.Id == lineId, ct)) return Failure.NotFound("The line");
        var keys = rows.Select(r => r.Key).ToList();
        var taken = await db.Machines.Where(m => m.LineId == lineId && keys.Contains(m.Key)).Select(m => m.Key).ToListAsync(ct);
        if (taken.Count > 0)
            return Failure.Conflict("Nothing was imported: the line already has " + string.Join(", ", rows.Where(r => taken.Contains(r.Key)).Select(r => $"'{r.Key}' (line {r.LineNumber})")) + ".");
        if (await quotas.CheckAsync(db, Quota.Machines, rows.Count, ct) is { } overQuota) return overQuota;
        db.Machines.AddRange(rows.Select(r => new Machine { LineId = lineId, Key = r.Key, Name = r.Name, IdealCycleTimeSeconds = r.IdealCycleTimeSeconds }));
        await db.SaveChangesAsync(ct);
        return rows.Count;
    }

    public Task<OperationResult> DeleteMachineAsync(Guid id, CancellationToken ct = default) => DeleteAsync<Machine>(id, "machine", "data", ct);

    private static void Apply(Machine machine, MachineRequest request)
    {
        machine.IdealCycleTimeSeconds = request.IdealCycleTimeSeconds;
        machine.ProductCycleTimes = new Dictionary<string, double>(request.ProductCycleTimes);
    }

    /// <summary>Adds an area or a line under its parent; <paramref name="sibling"/> names the conflict when the key is taken.</summary>
    private Task<OperationResult<AssetView>> CreateChildAsync<TParent, TChild>(
        Guid parentId, AssetRequest request, string parent, string sibling, Func<TChild> create, CancellationToken ct)
        where TParent : class, ITenantOwned where TChild : class, IChildAsset =>
        WriteAsync(request, async db =>
        {
            if (!await db.Set<TParent>().AnyAsync(p => EF.Property<Guid>(p, "Id") == parentId, ct)) return Failure.NotFound(parent);
            var child = create();
            db.Set<TChild>().Add(child);
            return await SaveAsync(db, child, ToView, sibling, ct);
        });

    private Task<OperationResult<AssetView>> UpdateChildAsync<TChild>(Guid id, AssetRequest request, string what, string sibling, CancellationToken ct)
        where TChild : class, IChildAsset =>
        WriteAsync(request, async db =>
        {
            if (await db.Set<TChild>().FirstOrDefaultAsync(c => EF.Property<Guid>(c, "Id") == id, ct) is not { } child) return Failure.NotFound(what);
            (child.Key, child.Name) = (request.Key, request.Name.Trim());
            return await SaveAsync(db, child, ToView, sibling, ct);
        });

    private static AssetView ToView(IChildAsset asset) => new(asset.Id, asset.ParentId, asset.Key, asset.Name);

    /// <summary>Validates, checks the role, and runs <paramref name="write"/> on a fresh context.</summary>
    private async Task<OperationResult<T>> WriteAsync<T>(object request, Func<AppDbContext, Task<OperationResult<T>>> write)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        if (current.Role?.CanManagePlants() != true) return Failure.Forbidden("Only Owners, Admins and Plant managers can change plants.");
        await using var db = await contexts.CreateDbContextAsync();
        return await write(db);
    }

    private static async Task<OperationResult<TView>> SaveAsync<TEntity, TView>(
        AppDbContext db, TEntity entity, Func<TEntity, TView> view, string sibling, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return view(entity);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Failure.Invalid("Key", $"{sibling} already has this key.") with { Kind = FailureKind.Conflict };
        }
    }

    private Task<OperationResult> DeleteAsync<TEntity>(Guid id, string what, string children, CancellationToken ct) where TEntity : class, ITenantOwned =>
        DeleteAsync<TEntity>(id, what, _ => Task.FromResult(children), ct);

    private async Task<OperationResult> DeleteAsync<TEntity>(Guid id, string what, Func<AppDbContext, Task<string>> children, CancellationToken ct) where TEntity : class, ITenantOwned
    {
        if (current.Role?.CanManagePlants() != true) return Failure.Forbidden("Only Owners, Admins and Plant managers can change plants.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entity = await db.Set<TEntity>().FirstOrDefaultAsync(e => EF.Property<Guid>(e, "Id") == id, ct);
        if (entity is null) return Failure.NotFound($"The {what}");
        db.Remove(entity);
        try
        {
            await db.SaveChangesAsync(ct);
            return OperationResult.Success;
        }
        catch (DbUpdateException e) when (e.IsForeignKeyViolation())
        {
            await using var fresh = await contexts.CreateDbContextAsync(ct);
            return Failure.Conflict($"This {what} still has {await children(fresh)}. Delete them first.");
        }
    }

    private static SiteView ToView(Site s) => new(s.Id, s.Key, s.Name, s.TimeZone, s.Shifts);

    private static MachineView ToView(Machine m) =>
        new(m.Id, m.LineId, m.Key, m.Name, m.IdealCycleTimeSeconds, m.ProductCycleTimes, m.FirstSeenAt, m.LastSeenAt);
}
