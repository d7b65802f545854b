using FactoryCloud.Domain.Kpis;

using Xunit;

namespace FactoryCloud.Domain.Tests.Kpis;

public class DowntimeParetoTests
{
    [Fact]
    public void Reasons_are_ranked_by_downtime_with_cumulative_share()
    {
        var pareto = DowntimePareto.Build(
        [
            new ReasonDowntime("jam", 600, 6),
            new ReasonDowntime("motor", 1_200, 1),
            new ReasonDowntime("material", 200, 2),
        ]);

        Assert.Equal(["motor", "jam", "material"], pareto.Select(e => e.Reason));
        Assert.Equal([0.6, 0.3, 0.1], pareto.Select(e => Math.Round(e.Share, 12)));
        Assert.Equal([0.6, 0.9, 1.0], pareto.Select(e => Math.Round(e.CumulativeShare, 12)));
        Assert.Equal(1.0, pareto[^1].CumulativeShare);
    }

    [Fact]
    public void The_same_reason_from_several_machines_or_buckets_is_merged()
    {
        var pareto = DowntimePareto.Build(
        [
            new ReasonDowntime("jam", 300, 2),
            new ReasonDowntime(null, 100, 1),
            new ReasonDowntime("jam", 500, 3),
            new ReasonDowntime(null, 100, 1),
        ]);

        Assert.Equal(
            [new ParetoEntry("jam", 800, 5, 0.8, 0.8), new ParetoEntry(null, 200, 2, 0.2, 1.0)],
            pareto);
    }

    [Fact]
    public void Ties_rank_by_episodes_then_reason()
    {
        var pareto = DowntimePareto.Build(
        [
            new ReasonDowntime("b", 100, 1),
            new ReasonDowntime("a", 100, 1),
            new ReasonDowntime("c", 100, 4),
        ]);

        Assert.Equal(["c", "a", "b"], pareto.Select(e => e.Reason));
    }

    [Fact]
    public void Reasons_without_downtime_are_left_out()
    {
        Assert.Empty(DowntimePareto.Build([new ReasonDowntime("jam", 0, 0)]));
        Assert.Empty(DowntimePareto.Build([]));
    }
}
