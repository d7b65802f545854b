using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.MachineHistory;

/// <summary>
/// Collects one batch's changes to <see cref="MachineBucket"/> and <see cref="MachineDowntimeBucket"/> rows in memory,
/// for every <see cref="BucketSize"/>, so they can be written with one upsert per row. State time is kept in integer
/// ticks while collecting (an interval added and later taken back cancels exactly) and split exactly at the
/// boundaries of every size; it becomes seconds only in <see cref="Buckets"/>.
/// </summary>
/// <param name="exactSumsOnly">Leaves the seconds of the raw state time out: for rebuilding only the exact tick sums.</param>
/// <param name="collects">
/// Which buckets (size, start ticks) to collect, all by default: a bulk loader (the dashboard benchmark's seeder) leaves
/// out the minute buckets no query of it reads.
/// </param>
public sealed class BucketAccumulator(bool exactSumsOnly = false, Func<BucketSize, long, bool>? collects = null)
{
    private static readonly int StateCount = Enum.GetValues<MachineState>().Length;

    private readonly Dictionary<(Guid Machine, BucketSize Size, long Start), Delta> _buckets = [];
    private readonly Dictionary<(Guid Machine, BucketSize Size, long Start, string Reason), DowntimeDelta> _downtime = [];

    /// <summary>
    /// Adds (<paramref name="sign"/> = 1) or takes back (-1) the time [<paramref name="from"/>, <paramref name="to"/>)
    /// spent in <paramref name="state"/>; for <see cref="MachineState.Down"/> also the downtime of its reason.
    /// </summary>
    public void AddStateTime(Guid machineId, MachineState state, string? reason, DateTimeOffset from, DateTimeOffset to, int sign)
    {
        if (sign is not (1 or -1)) throw new ArgumentOutOfRangeException(nameof(sign), sign, "Sign must be 1 or -1.");
        foreach (var (size, bucket, ticks, _) in Parts(from, to))
        {
            Get(machineId, size, bucket).StateTicks[(int)state] += sign * ticks;
            if (state == MachineState.Down) Downtime(machineId, size, bucket, reason).DownTicks += sign * ticks;
        }
    }

    /// <summary>[from, to) split at the boundaries of the buckets of every size: (size, bucket start, ticks in it, whether it holds from).</summary>
    private IEnumerable<(BucketSize Size, long Bucket, long Ticks, bool IsFirst)> Parts(DateTimeOffset from, DateTimeOffset to)
    {
        long start = from.UtcTicks, end = to.UtcTicks;
        foreach (var size in BucketSizes.All)
        {
            var length = size.Length().Ticks;
            for (var cursor = start; cursor < end;)
            {
                var bucket = size.FloorTicks(cursor);
                var next = Math.Min(bucket + length, end);
                if (collects?.Invoke(size, bucket) != false) yield return (size, bucket, next - cursor, cursor == start);
                cursor = next;
            }
        }
    }

    /// <summary>
    /// Adds (<paramref name="sign"/> = 1) or takes back (-1) a closed loss episode [<paramref name="from"/>,
    /// <paramref name="to"/>) classified as <paramref name="category"/>: its time in that category's sum of every
    /// bucket it overlaps; a breakdown also per reason, counted once in the buckets where it starts and marked as
    /// carried in every later minute it covers.
    /// </summary>
    public void AddLossEpisode(Guid machineId, string? reason, DateTimeOffset from, DateTimeOffset to, LossCategory category, int sign)
    {
        if (sign is not (1 or -1)) throw new ArgumentOutOfRangeException(nameof(sign), sign, "Sign must be 1 or -1.");
        var column = LossColumn(category);
        foreach (var (size, bucket, ticks, isFirst) in Parts(from, to))
        {
            var delta = Get(machineId, size, bucket);
            delta.LossTicks[column] += sign * ticks;
            if (category != LossCategory.Breakdown) continue;
            var downtime = Downtime(machineId, size, bucket, reason);
            downtime.BreakdownTicks += sign * ticks;
            if (isFirst)
            {
                delta.BreakdownEpisodes += sign;
                downtime.Episodes += sign;
            }
            else if (size == BucketSize.Minute)
            {
                downtime.Carried += sign;
                downtime.CarriedStart += sign * from.UtcTicks;
            }
        }
    }

    private static int LossColumn(LossCategory category) => category switch
    {
        LossCategory.Breakdown => 0,
        LossCategory.SmallStop => 1,
        LossCategory.SetupAdjustment => 2,
        LossCategory.Idle => 3,
        LossCategory.Offline => 4,
        LossCategory.NoData => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Not a loss a state can be classified as."),
    };

    /// <summary>Counts a message of any channel in the buckets containing its <c>ts</c>.</summary>
    public void AddMessage(Guid machineId, DateTimeOffset at)
    {
        foreach (var size in BucketSizes.All)
        {
            if (Collects(size, at) is { } bucket) Get(machineId, size, bucket).Messages++;
        }
    }

    public void AddCount(Guid machineId, DateTimeOffset at, long good, long scrap, double idealCycleSeconds)
    {
        foreach (var size in BucketSizes.All)
        {
            if (Collects(size, at) is not { } bucket) continue;
            var delta = Get(machineId, size, bucket);
            delta.Good = SaturatingAdd(delta.Good, good);
            delta.Scrap = SaturatingAdd(delta.Scrap, scrap);
            delta.IdealTotal = SaturatingAdd(delta.IdealTotal, idealCycleSeconds * ((double)good + scrap));
            delta.IdealGood = SaturatingAdd(delta.IdealGood, idealCycleSeconds * good);
        }
    }

    public void AddEnergy(Guid machineId, DateTimeOffset at, double kwh)
    {
        foreach (var size in BucketSizes.All)
        {
            if (Collects(size, at) is not { } bucket) continue;
            var delta = Get(machineId, size, bucket);
            delta.EnergyKwh = SaturatingAdd(delta.EnergyKwh, kwh);
        }
    }

    /// <summary>The collected changes as rows to add to the stored ones; rows whose changes all cancelled are left out.</summary>
    public IEnumerable<MachineBucket> Buckets(Guid tenantId)
    {
        foreach (var ((machine, size, start), delta) in _buckets)
        {
            if (delta.IsZero) continue;
            yield return new MachineBucket
            {
                TenantId = tenantId,
                MachineId = machine,
                Size = size,
                Start = new DateTimeOffset(start, TimeSpan.Zero),
                RunSeconds = RawSeconds(delta.StateTicks[(int)MachineState.Running]),
                IdleSeconds = RawSeconds(delta.StateTicks[(int)MachineState.Idle]),
                DownSeconds = RawSeconds(delta.StateTicks[(int)MachineState.Down]),
                ChangeoverSeconds = RawSeconds(delta.StateTicks[(int)MachineState.Changeover]),
                PlannedStopSeconds = RawSeconds(delta.StateTicks[(int)MachineState.PlannedStop]),
                OfflineSeconds = RawSeconds(delta.StateTicks[(int)MachineState.Offline]),
                GoodCount = delta.Good,
                ScrapCount = delta.Scrap,
                IdealSecondsTotal = delta.IdealTotal,
                IdealSecondsGood = delta.IdealGood,
                EnergyKwh = delta.EnergyKwh,
                MessageCount = delta.Messages,
                RunTicks = delta.StateTicks[(int)MachineState.Running],
                PlannedStopTicks = delta.StateTicks[(int)MachineState.PlannedStop],
                BreakdownTicks = delta.LossTicks[0],
                SmallStopTicks = delta.LossTicks[1],
                SetupTicks = delta.LossTicks[2],
                IdleLossTicks = delta.LossTicks[3],
                OfflineLossTicks = delta.LossTicks[4],
                NoDataLossTicks = delta.LossTicks[5],
                BreakdownEpisodes = delta.BreakdownEpisodes,
            };
        }
    }

    /// <summary>The collected downtime per reason as rows to add to the stored ones, without those that cancelled.</summary>
    public IEnumerable<MachineDowntimeBucket> DowntimeBuckets(Guid tenantId) =>
        _downtime.Where(d => !d.Value.IsZero).Select(d => new MachineDowntimeBucket
        {
            TenantId = tenantId,
            MachineId = d.Key.Machine,
            Size = d.Key.Size,
            Start = new DateTimeOffset(d.Key.Start, TimeSpan.Zero),
            Reason = d.Key.Reason,
            DownSeconds = RawSeconds(d.Value.DownTicks),
            BreakdownTicks = d.Value.BreakdownTicks,
            BreakdownEpisodes = d.Value.Episodes,
            CarriedBreakdowns = d.Value.Carried,
            CarriedBreakdownStartTicks = d.Value.CarriedStart,
        });

    /// <summary>
    /// Counts and energy are non-negative and, by the contract, may be as large as a long or a double: their sums stop
    /// at the type's maximum instead of wrapping (or failing the whole batch in the database).
    /// </summary>
    public static long SaturatingAdd(long sum, long value) =>
        value > 0 && sum > long.MaxValue - value ? long.MaxValue : sum + value;

    /// <inheritdoc cref="SaturatingAdd(long, long)"/>
    public static double SaturatingAdd(double sum, double value) => Math.Min(sum + value, double.MaxValue);

    /// <summary>The start of the bucket of <paramref name="size"/> holding <paramref name="at"/>, if it is collected.</summary>
    private long? Collects(BucketSize size, DateTimeOffset at)
    {
        var bucket = size.FloorTicks(at.UtcTicks);
        return collects?.Invoke(size, bucket) == false ? null : bucket;
    }

    private static double Seconds(long ticks) => (double)ticks / TimeSpan.TicksPerSecond;

    private double RawSeconds(long ticks) => exactSumsOnly ? 0 : Seconds(ticks);

    private Delta Get(Guid machineId, BucketSize size, long start)
    {
        if (!_buckets.TryGetValue((machineId, size, start), out var delta))
            _buckets[(machineId, size, start)] = delta = new Delta(StateCount);
        return delta;
    }

    private DowntimeDelta Downtime(Guid machineId, BucketSize size, long start, string? reason)
    {
        var key = (machineId, size, start, reason ?? MachineDowntimeBucket.NoReason);
        if (!_downtime.TryGetValue(key, out var delta)) _downtime[key] = delta = new DowntimeDelta();
        return delta;
    }

    private sealed class DowntimeDelta
    {
        public long DownTicks { get; set; }
        public long BreakdownTicks { get; set; }
        public long Episodes { get; set; }
        public long Carried { get; set; }
        public long CarriedStart { get; set; }

        public bool IsZero => DownTicks == 0 && BreakdownTicks == 0 && Episodes == 0 && Carried == 0 && CarriedStart == 0;
    }

    private sealed class Delta(int stateCount)
    {
        public long[] StateTicks { get; } = new long[stateCount];
        public long[] LossTicks { get; } = new long[6];
        public long BreakdownEpisodes { get; set; }
        public long Good { get; set; }
        public long Scrap { get; set; }
        public double IdealTotal { get; set; }
        public double IdealGood { get; set; }
        public double EnergyKwh { get; set; }
        public long Messages { get; set; }

        public bool IsZero => Messages == 0 && Good == 0 && Scrap == 0 && IdealTotal == 0 && IdealGood == 0 && EnergyKwh == 0
                              && BreakdownEpisodes == 0 && Array.TrueForAll(StateTicks, t => t == 0) && Array.TrueForAll(LossTicks, t => t == 0);
    }
}
