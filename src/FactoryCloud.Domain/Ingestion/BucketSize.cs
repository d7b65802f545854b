namespace FactoryCloud.Domain.Ingestion;

/// <summary>The length of a <see cref="MachineBucket"/>: both sizes are written for every message.</summary>
public enum BucketSize
{
    Minute,
    Hour,
}

/// <summary>Bucket arithmetic on UTC ticks: buckets start on whole UTC minutes and hours.</summary>
public static class BucketSizes
{
    public static IReadOnlyList<BucketSize> All { get; } = Enum.GetValues<BucketSize>();

    public static TimeSpan Length(this BucketSize size) => size switch
    {
        BucketSize.Minute => TimeSpan.FromMinutes(1),
        BucketSize.Hour => TimeSpan.FromHours(1),
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "Unknown bucket size."),
    };

    /// <summary>The start of the bucket containing <paramref name="instant"/>, in UTC.</summary>
    public static DateTimeOffset StartOf(this BucketSize size, DateTimeOffset instant) =>
        new(FloorTicks(size, instant.UtcTicks), TimeSpan.Zero);

    /// <summary>The start (UTC ticks) of the bucket containing <paramref name="utcTicks"/>.</summary>
    public static long FloorTicks(this BucketSize size, long utcTicks)
    {
        var length = size.Length().Ticks;
        return utcTicks - (utcTicks % length);
    }
}
