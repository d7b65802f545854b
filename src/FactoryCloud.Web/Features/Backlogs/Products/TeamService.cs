using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Shared;

namespace FactoryCloud.Web.Features.Backlogs.Products;

/// <summary>Cross-functional teams: members with their disciplines, and the sites, lines and machines they serve.</summary>
public sealed class TeamService(IDbContextFactory<AppDbContext> contexts, BacklogActor actor)
{
    public async Task<IReadOnlyList<TeamView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await db.Teams.OrderBy(t => t.Name).ToListAsync(ct)).Select(t => t.ToView()).ToList();
    }

    public async Task<TeamView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct))?.ToView();
    }

    public async Task<OperationResult<TeamView>> CreateAsync(TeamRequest request, CancellationToken ct = default)
    {
        if (actor.RefuseWrite(request) is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var team = new Team { Name = request.Name.Trim() };
        db.Teams.Add(team);
        return await ApplyAndSaveAsync(db, team, request, ct);
    }

    public async Task<OperationResult<TeamView>> UpdateAsync(Guid id, TeamRequest request, CancellationToken ct = default)
    {
        if (actor.RefuseWrite(request) is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct) is not { } team) return Failure.NotFound("The team");
        return await ApplyAndSaveAsync(db, team, request, ct);
    }

    public async Task<OperationResult> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct) is not { } team) return Failure.NotFound("The team");
        db.Teams.Remove(team);
        await db.SaveChangesAsync(ct);
        return OperationResult.Success;
    }

    private static async Task<OperationResult<TeamView>> ApplyAndSaveAsync(AppDbContext db, Team team, TeamRequest request, CancellationToken ct)
    {
        // Members must belong to this tenant; served assets must be this tenant's sites, lines or machines.
        var userIds = request.Members.Select(m => m.UserId).ToList();
        var known = await db.Memberships.Where(m => userIds.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(ct);
        if (userIds.Except(known).Any()) return Failure.Invalid(nameof(TeamRequest.Members), "Every member must be a member of this organisation.");
        if (await MissingAssetAsync(db, request.Serves, ct) is { } missing)
            return Failure.Invalid(nameof(TeamRequest.Serves), $"The {missing.Kind.ToString().ToLowerInvariant()} {missing.Id} was not found.");
        (team.Name, team.Description) = (request.Name.Trim(), request.Description);
        team.Members = request.Members.Select(m => m with { Name = m.Name.Trim() }).ToList();
        team.Serves = request.Serves.Distinct().ToList();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Failure.Invalid(nameof(TeamRequest.Name), "A team with this name already exists.") with { Kind = FailureKind.Conflict };
        }
        return team.ToView();
    }

    internal static async Task<ServedAsset?> MissingAssetAsync(AppDbContext db, IEnumerable<ServedAsset> assets, CancellationToken ct)
    {
        foreach (var group in assets.GroupBy(a => a.Kind))
        {
            var ids = group.Select(a => a.Id).Distinct().ToList();
            var found = group.Key switch
            {
                AssetKind.Site => await db.Sites.Where(s => ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct),
                AssetKind.Line => await db.Lines.Where(l => ids.Contains(l.Id)).Select(l => l.Id).ToListAsync(ct),
                _ => await db.Machines.Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct),
            };
            if (ids.Except(found).Select(id => (Guid?)id).FirstOrDefault() is { } missing) return new ServedAsset(group.Key, missing);
        }
        return null;
    }
}
