using FactoryCloud.Domain.Ingestion;
using FactoryCloud.Domain.Kpis;

namespace FactoryCloud.Web.Features.Kpis;

/// <summary>Which buckets cover a window: hour buckets for the whole hours inside it, minute buckets for the partial hours at both ends.</summary>
public static class BucketWindow
{
    public static IQueryable<T> Covering<T>(this IQueryable<T> buckets, IQueryable<Guid> machineIds, TimeWindow window) where T : IMachineBucket
    {
        var hourStart = BucketSize.Hour.StartOf(window.Start);
        if (hourStart < window.Start) hourStart += BucketSize.Hour.Length();
        var hourEnd = BucketSize.Hour.StartOf(window.End);
        if (hourEnd <= hourStart) (hourStart, hourEnd) = (window.End, window.End);
        var (start, end) = (window.Start, window.End);

        return buckets
            .Where(b => machineIds.Contains(b.MachineId))
            .Where(b => (b.Size == BucketSize.Hour && b.Start >= hourStart && b.Start < hourEnd)
                || (b.Size == BucketSize.Minute && ((b.Start >= start && b.Start < hourStart) || (b.Start >= hourEnd && b.Start < end))));
    }
}
