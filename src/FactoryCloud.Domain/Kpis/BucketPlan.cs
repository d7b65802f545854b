using FactoryCloud.Domain.Ingestion;

namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// Which minute and hour buckets cover planned production time: an hour bucket for every UTC hour that lies wholly
/// in planned time, a minute bucket for every other minute that overlaps it (shift edges, breaks, the window's ends,
/// the running minute at now). Each planned instant is covered by exactly one bucket.
/// </summary>
public sealed record BucketPlan(IReadOnlyList<DateTimeOffset> HourStarts, IReadOnlyList<DateTimeOffset> MinuteStarts)
{
    public static BucketPlan For(IReadOnlyList<TimeWindow> planned)
    {
        var hours = new List<DateTimeOffset>();
        var minutes = new List<DateTimeOffset>();
        var hour = BucketSize.Hour.Length();
        var minute = BucketSize.Minute.Length();
        foreach (var window in new ShiftCalendar(planned).PlannedWindows)
        {
            var start = BucketSize.Minute.StartOf(window.Start);
            while (start < window.End)
            {
                if (start == BucketSize.Hour.StartOf(start) && start + hour <= window.End)
                {
                    hours.Add(start);
                    start += hour;
                }
                else
                {
                    // A minute shared by two planned windows (a sub-minute gap) is read once.
                    if (minutes.Count == 0 || minutes[^1] != start) minutes.Add(start);
                    start += minute;
                }
            }
        }
        return new BucketPlan(hours, minutes);
    }

    /// <summary>True when the bucket of <paramref name="size"/> starting at <paramref name="start"/> is read by this plan.</summary>
    public bool Covers(BucketSize size, DateTimeOffset start) =>
        size == BucketSize.Hour ? HourStarts.Contains(start) : MinuteStarts.Contains(start);
}
