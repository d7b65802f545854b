namespace FactoryCloud.Domain.Kpis;

/// <summary>Downtime by reason, largest first, with the cumulative share for the Pareto line.</summary>
public static class DowntimePareto
{
    /// <summary>Merges entries of the same reason (from several machines or buckets), then ranks them.</summary>
    public static IReadOnlyList<ParetoEntry> Build(IEnumerable<ReasonDowntime> downtime)
    {
        var merged = downtime
            .GroupBy(d => d.Reason, StringComparer.Ordinal)
            .Select(g => new ReasonDowntime(g.Key, g.Sum(d => d.Seconds), g.Sum(d => d.Episodes)))
            .Where(d => d.Seconds > 0)
            .OrderByDescending(d => d.Seconds)
            .ThenByDescending(d => d.Episodes)
            .ThenBy(d => d.Reason, StringComparer.Ordinal)
            .ToList();

        var total = merged.Sum(d => d.Seconds);
        var cumulative = 0.0;
        var entries = new List<ParetoEntry>(merged.Count);
        foreach (var d in merged)
        {
            cumulative += d.Seconds;
            entries.Add(new ParetoEntry(d.Reason, d.Seconds, d.Episodes, d.Seconds / total, cumulative / total));
        }
        return entries;
    }
}
