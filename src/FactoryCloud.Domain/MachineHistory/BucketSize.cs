namespace FactoryCloud.Domain.MachineHistory;

/// <summary>
/// The length of a <see cref="MachineBucket"/>: every size is written for every message, with the same exact sums,
/// so a window can be read from the largest buckets that fit in it (<see cref="Kpis.BucketPlan"/>).
/// </summary>
public enum BucketSize
{
    Minute,
    Hour,
    /// <summary>A UTC day.</summary>
    Day,
    /// <summary>Seven UTC days from Monday 00:00 UTC.</summary>
    Week,
}

/// <summary>Bucket arithmetic on UTC ticks: buckets start on whole UTC minutes, hours, days and Mondays.</summary>
public static class BucketSizes
{
    public static IReadOnlyList<BucketSize> All { get; } = Enum.GetValues<BucketSize>();

    /// <summary>From the largest to the smallest: each size's buckets are whole numbers of the next smaller one's.</summary>
    public static IReadOnlyList<BucketSize> Descending { get; } = All.OrderByDescending(s => s.Length()).ToArray();

    public static TimeSpan Length(this BucketSize size) => size switch
    {
        BucketSize.Minute => TimeSpan.FromMinutes(1),
        BucketSize.Hour => TimeSpan.FromHours(1),
        BucketSize.Day => TimeSpan.FromDays(1),
        BucketSize.Week => TimeSpan.FromDays(7),
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "Unknown bucket size."),
    };

    /// <summary>The start of the bucket containing <paramref name="instant"/>, in UTC.</summary>
    public static DateTimeOffset StartOf(this BucketSize size, DateTimeOffset instant) =>
        new(FloorTicks(size, instant.UtcTicks), TimeSpan.Zero);

    /// <summary>
    /// The start (UTC ticks) of the bucket containing <paramref name="utcTicks"/>. Tick 0 (0001-01-01) is a Monday at
    /// midnight, so flooring to a multiple of seven days starts weeks on Mondays.
    /// </summary>
    public static long FloorTicks(this BucketSize size, long utcTicks)
    {
        var length = size.Length().Ticks;
        return utcTicks - (utcTicks % length);
    }
}
