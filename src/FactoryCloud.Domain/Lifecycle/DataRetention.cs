namespace FactoryCloud.Domain.Lifecycle;

/// <summary>
/// How long a tenant's telemetry is kept. Raw events and minute buckets go; hour, day and week buckets (the same exact
/// sums) stay, so KPIs over whole hours come out the same after retention ran.
/// </summary>
public static class DataRetention
{
    public const int DefaultRawEventDays = 90;
    public const int DefaultMinuteBucketDays = 400;

    /// <summary>
    /// The shortest retention: more than the 7 days a message's <c>ts</c> may lag behind (older messages are refused as
    /// <c>TimestampTooOld</c>), so a deleted raw event can never be redelivered, accepted and counted a second time.
    /// </summary>
    public const int MinimumDays = 8;

    /// <summary>The longest retention that can be set (about 30 years).</summary>
    public const int MaximumDays = 11_000;

    /// <summary>Raw events with a <c>ts</c> before this instant are deleted.</summary>
    public static DateTimeOffset RawEventCutoff(DateTimeOffset now, int days) => now.AddDays(-days);

    /// <summary>
    /// Minute buckets starting before this instant are deleted: <paramref name="days"/> back from now, floored to a
    /// whole UTC day so only whole days (wholly covered by hour and day buckets) lose their minutes.
    /// </summary>
    public static DateTimeOffset MinuteBucketCutoff(DateTimeOffset now, int days)
    {
        var at = now.ToUniversalTime().AddDays(-days);
        return new DateTimeOffset(at.Year, at.Month, at.Day, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>Null when valid; otherwise what is wrong with <paramref name="days"/>.</summary>
    public static string? Validate(int days) =>
        days is < MinimumDays or > MaximumDays ? $"Must be between {MinimumDays} and {MaximumDays} days." : null;
}
