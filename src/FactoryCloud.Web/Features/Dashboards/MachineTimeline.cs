using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Infrastructure.Telemetry.Queries;
using FactoryCloud.Web.Features.Kpis;

namespace FactoryCloud.Web.Features.Dashboards;

/// <summary>
/// A machine's state timeline for the dashboard band: up to <see cref="StateBands.ExactUpTo"/> exactly, from its
/// state changes; longer windows drawn from the state seconds of at most a thousand buckets (<see cref="StateBands"/>),
/// so a year reads 365 day buckets instead of every change.
/// </summary>
public static class MachineTimeline
{
    public static async Task<IReadOnlyList<StateInterval>> LoadAsync(
        AppDbContext db, Guid machineId, TimeWindow evaluated, DateTimeOffset now, CancellationToken ct)
    {
        if (evaluated.Duration <= StateBands.ExactUpTo)
        {
            var changes = await StateChangeRows.InWindowAsync(db, [machineId], evaluated, now, ct);
            return StateTimeline.Build(evaluated, changes.Select(c => new StateChange(c.At, c.State, c.Reason)), now).Intervals;
        }
        var size = StateBands.Resolution(evaluated);
        var (from, to) = (size.StartOf(evaluated.Start), evaluated.End);
        var seconds = await db.MachineBuckets.AsNoTracking()
            .Where(b => b.MachineId == machineId && b.Size == size && b.Start >= from && b.Start < to)
            .Select(b => new { b.Start, b.RunSeconds, b.IdleSeconds, b.DownSeconds, b.ChangeoverSeconds, b.PlannedStopSeconds, b.OfflineSeconds })
            .ToListAsync(ct);
        var latest = (await StateChangeRows.LatestAsync(db, [machineId], now, ct)).GetValueOrDefault(machineId);
        return StateBands.Build(evaluated, size,
            seconds.ToDictionary(b => b.Start, b => new[] { b.RunSeconds, b.IdleSeconds, b.DownSeconds, b.ChangeoverSeconds, b.PlannedStopSeconds, b.OfflineSeconds }),
            latest is null ? null : new StateChange(latest.At, latest.State, latest.Reason), now);
    }
}
