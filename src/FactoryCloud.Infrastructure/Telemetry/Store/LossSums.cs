using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using Microsoft.EntityFrameworkCore.Storage;

namespace FactoryCloud.Infrastructure.Telemetry.Store;

/// <summary>
/// The loss sums of the buckets (see <see cref="MachineBucket"/>) depend on the tenant's loss settings. A machine
/// whose sums were classified with other settings (a changed small-stop threshold or loss rule, or none yet) is
/// rebuilt by the processor with its next message: within the batch's transaction, which holds the machine's row lock,
/// its exact sums (loss episodes, and Running and PlannedStop ticks, which buckets written before these sums existed
/// lack) are cleared and written again from its whole stored timeline. Until then KPI queries see the stale
/// key and evaluate that machine from its state changes.
/// </summary>
internal static class LossSums
{
    public static async Task RebuildAsync(
        AppDbContext db, TelemetrySql sql, Guid tenantId, List<Guid> machineIds, LossSettings settings, CancellationToken ct)
    {
        await db.MachineBuckets.Where(b => machineIds.Contains(b.MachineId)).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.BreakdownTicks, 0).SetProperty(b => b.SmallStopTicks, 0).SetProperty(b => b.SetupTicks, 0)
            .SetProperty(b => b.IdleLossTicks, 0).SetProperty(b => b.OfflineLossTicks, 0).SetProperty(b => b.NoDataLossTicks, 0)
            .SetProperty(b => b.BreakdownEpisodes, 0).SetProperty(b => b.RunTicks, 0).SetProperty(b => b.PlannedStopTicks, 0), ct);
        await db.MachineDowntimeBuckets.Where(b => machineIds.Contains(b.MachineId)).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.BreakdownTicks, 0).SetProperty(b => b.BreakdownEpisodes, 0)
            .SetProperty(b => b.CarriedBreakdowns, 0).SetProperty(b => b.CarriedBreakdownStartTicks, 0), ct);

        // Planned-time roll-ups hold these sums too (their key has the loss settings, but a rebuild may follow late data).
        await db.MachinePlannedDays.Where(d => machineIds.Contains(d.MachineId)).ExecuteDeleteAsync(ct);
        await db.MachineDowntimeDays.Where(d => machineIds.Contains(d.MachineId)).ExecuteDeleteAsync(ct);
        await db.MachinePlannedWeeks.Where(w => machineIds.Contains(w.MachineId)).ExecuteDeleteAsync(ct);
        await db.MachineDowntimeWeeks.Where(w => machineIds.Contains(w.MachineId)).ExecuteDeleteAsync(ct);

        var buckets = new BucketAccumulator(exactSumsOnly: true);
        var changes = await db.MachineStateChanges.AsNoTracking().Where(c => machineIds.Contains(c.MachineId)).ToListAsync(ct);
        var openRuns = new List<(Guid Machine, DateTimeOffset Start)>();
        foreach (var machine in changes.GroupBy(c => c.MachineId))
        {
            var timeline = machine.OrderBy(c => c.At).ToList();
            for (var i = 0; i + 1 < timeline.Count; i++)
            {
                if (timeline[i].State is MachineState.Running or MachineState.PlannedStop)
                    buckets.AddStateTime(machine.Key, timeline[i].State, timeline[i].Reason, timeline[i].At, timeline[i + 1].At, 1);
            }
            foreach (var episode in MachineStateTimeline.ClosedLossEpisodes(timeline, settings))
                buckets.AddLossEpisode(machine.Key, episode.Reason, episode.Start, episode.End, episode.Category, 1);
            openRuns.Add((machine.Key, MachineStateTimeline.LastRunStartOf(timeline)!.Value));
        }
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        await sql.AddToBucketsAsync(connection, transaction, tenantId, buckets.Buckets(tenantId).ToList(), ct);
        await sql.AddToDowntimeBucketsAsync(connection, transaction, tenantId, buckets.DowntimeBuckets(tenantId).ToList(), ct);
        var key = settings.LossSumsKey();
        await db.Machines.Where(m => machineIds.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.LossSumsKey, key), ct);
        await sql.SetOpenRunStartsAsync(connection, transaction, tenantId, openRuns, ct);
    }
}
