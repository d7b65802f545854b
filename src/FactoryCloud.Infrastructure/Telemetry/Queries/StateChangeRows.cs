using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Infrastructure.Telemetry.Queries;

/// <summary>
/// Reads machines' state changes by the (MachineId, At) key: the changes inside a window, plus per machine the last
/// one before it (the state the window starts in) and the first after it (so a stop crossing the window end is
/// classified by its full length). The edges are per-machine scalar subqueries, each one index seek on both
/// providers, instead of a window function over every change ever stored.
/// </summary>
public static class StateChangeRows
{
    public sealed record Row(Guid MachineId, DateTimeOffset At, MachineState State, string? Reason);

    public static async Task<List<Row>> InWindowAsync(
        AppDbContext db, List<Guid> machineIds, Domain.Kpis.TimeWindow window, DateTimeOffset now, CancellationToken ct)
    {
        var (start, end) = (window.Start, window.End);
        var rows = await db.MachineStateChanges.AsNoTracking()
            .Where(c => machineIds.Contains(c.MachineId) && c.At >= start && c.At < end)
            .Select(c => new Row(c.MachineId, c.At, c.State, c.Reason))
            .ToListAsync(ct);
        rows.AddRange((await LatestAsync(db, machineIds, start, ct)).Values);
        if (end < now) rows.AddRange(await FirstFromAsync(db, machineIds, end, ct));
        return rows;
    }

    /// <summary>
    /// Each machine's last change strictly before <paramref name="before"/> (null: its latest, even one stamped in the
    /// future), in one query.
    /// </summary>
    public static async Task<Dictionary<Guid, Row>> LatestAsync(AppDbContext db, IReadOnlyCollection<Guid> machineIds, DateTimeOffset? before, CancellationToken ct)
    {
        var changes = before is { } end ? db.MachineStateChanges.Where(c => c.At < end) : db.MachineStateChanges;
        var edges = await db.Machines.AsNoTracking()
            .Where(m => machineIds.Contains(m.Id))
            .Select(m => new
            {
                m.Id,
                At = changes.Where(c => c.MachineId == m.Id).Max(c => (DateTimeOffset?)c.At),
                State = changes.Where(c => c.MachineId == m.Id).OrderByDescending(c => c.At).Select(c => (MachineState?)c.State).FirstOrDefault(),
                Reason = changes.Where(c => c.MachineId == m.Id).OrderByDescending(c => c.At).Select(c => c.Reason).FirstOrDefault(),
            })
            .Where(e => e.At != null)
            .ToListAsync(ct);
        return edges.ToDictionary(e => e.Id, e => new Row(e.Id, e.At!.Value, e.State!.Value, e.Reason));
    }

    /// <summary>Each machine's first state change ever (machines without one are left out), one index seek each.</summary>
    public static async Task<Dictionary<Guid, DateTimeOffset>> FirstEverAsync(AppDbContext db, List<Guid> machineIds, CancellationToken ct)
    {
        var firsts = await db.Machines.AsNoTracking()
            .Where(m => machineIds.Contains(m.Id))
            .Select(m => new { m.Id, At = db.MachineStateChanges.Where(c => c.MachineId == m.Id).Min(c => (DateTimeOffset?)c.At) })
            .Where(e => e.At != null)
            .ToListAsync(ct);
        return firsts.ToDictionary(e => e.Id, e => e.At!.Value);
    }

    private static async Task<List<Row>> FirstFromAsync(AppDbContext db, List<Guid> machineIds, DateTimeOffset from, CancellationToken ct)
    {
        var edges = await db.Machines.AsNoTracking()
            .Where(m => machineIds.Contains(m.Id))
            .Select(m => new
            {
                m.Id,
                At = db.MachineStateChanges.Where(c => c.MachineId == m.Id && c.At >= from).Min(c => (DateTimeOffset?)c.At),
            })
            .Where(e => e.At != null)
            .ToListAsync(ct);
        return await RowsAtAsync(db, edges.Select(e => (e.Id, e.At!.Value)).ToList(), ct);
    }

    private static async Task<List<Row>> RowsAtAsync(AppDbContext db, List<(Guid MachineId, DateTimeOffset At)> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return [];
        var ids = keys.Select(k => k.MachineId).ToList();
        var ats = keys.Select(k => k.At).Distinct().ToList();
        var wanted = keys.ToHashSet();
        var rows = await db.MachineStateChanges.AsNoTracking()
            .Where(c => ids.Contains(c.MachineId) && ats.Contains(c.At))
            .Select(c => new Row(c.MachineId, c.At, c.State, c.Reason))
            .ToListAsync(ct);
        return rows.Where(r => wanted.Contains((r.MachineId, r.At))).ToList();
    }
}
