using FactoryCloud.Domain.Value;
using Xunit;

namespace FactoryCloud.Domain.Tests.Value;

public class ValueEffortCurveTests
{
    private static readonly DateTimeOffset Day = new(2027, 1, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ItemsRunInTheOrderTheyWereDoneWithRunningTotalsPerCurrency()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), d = Guid.NewGuid();

        var steps = ValueEffortCurve.Build(
        [
            new(b, "Second", Day.AddDays(5), 3, 500m, "EUR"),
            new(a, "First", Day, 8, 2_000m, "EUR"),
            new(c, "No estimate", Day.AddDays(9), null, 250m, "EUR"),
            new(d, "Swiss", Day, 5, 900m, "CHF"),
        ]);

        Assert.Equal(["Swiss", "First", "Second", "No estimate"], steps.Select(s => s.Title));
        Assert.Equal([5.0, 8, 11, 11], steps.Select(s => s.CumulativePoints));
        Assert.Equal([900m, 2_000m, 2_500m, 2_750m], steps.Select(s => s.CumulativePerMonth));
        Assert.Equal(0, steps[^1].StoryPoints);
    }

    [Fact]
    public void EffortInSprintsCountsTheDistinctSprintsItemsWereDoneIn()
    {
        Guid one = Guid.NewGuid(), two = Guid.NewGuid();

        var steps = ValueEffortCurve.Build(
        [
            new(Guid.NewGuid(), "A", Day, 3, 100m, "EUR", one, "Sprint 1"),
            new(Guid.NewGuid(), "B", Day.AddDays(1), 2, 100m, "EUR", one, "Sprint 1"),
            new(Guid.NewGuid(), "Kanban", Day.AddDays(2), 1, 100m, "EUR"),
            new(Guid.NewGuid(), "C", Day.AddDays(15), 5, 100m, "EUR", two, "Sprint 2"),
            new(Guid.NewGuid(), "Swiss", Day.AddDays(16), 5, 100m, "CHF", two, "Sprint 2"),
        ]);

        Assert.Equal(["Swiss", "A", "B", "Kanban", "C"], steps.Select(s => s.Title));
        Assert.Equal([1, 1, 1, 1, 2], steps.Select(s => s.CumulativeSprints));
        Assert.Equal(["Sprint 2", "Sprint 1", "Sprint 1", null, "Sprint 2"], steps.Select(s => s.Sprint));
    }

    [Fact]
    public void NothingMeasuredIsAnEmptyCurve() => Assert.Empty(ValueEffortCurve.Build([]));
}
