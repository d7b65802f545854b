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
    public void NothingMeasuredIsAnEmptyCurve() => Assert.Empty(ValueEffortCurve.Build([]));
}
