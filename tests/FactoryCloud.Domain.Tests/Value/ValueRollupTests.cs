using FactoryCloud.Domain.Value;
using Xunit;

namespace FactoryCloud.Domain.Tests.Value;

public class ValueRollupTests
{
    private static readonly Guid ProductA = Guid.NewGuid(), ProductB = Guid.NewGuid(), Site = Guid.NewGuid();

    private static ItemValue Item(Guid product, decimal perMonth, string currency = "EUR", double? points = 5, ConfidenceLevel confidence = ConfidenceLevel.High) =>
        new(Guid.NewGuid(), product, Site, perMonth, currency, points, confidence);

    [Fact]
    public void TotalsAddMoneyPointsAndItemsPerKeyLargestFirst()
    {
        var totals = ValueRollup.By([Item(ProductA, 100.50m), Item(ProductA, -20m, points: null, confidence: ConfidenceLevel.Low), Item(ProductB, 500m, points: 8)], i => i.ProductId.ToString());

        Assert.Equal([ProductB.ToString(), ProductA.ToString()], totals.Select(t => t.Key));
        var a = totals[1];
        Assert.Equal((80.50m, 5.0, 2, 1), (a.PerMonth, a.StoryPoints, a.Items, a.LowConfidenceItems));
    }

    [Fact]
    public void AmountsInDifferentCurrenciesAreNeverAdded()
    {
        var totals = ValueRollup.By([Item(ProductA, 100m, "EUR"), Item(ProductA, 100m, "USD"), Item(ProductA, 1m, "EUR")], _ => "organisation");

        Assert.Equal([("EUR", 101m), ("USD", 100m)], totals.Select(t => (t.Currency, t.PerMonth)));
    }

    [Fact]
    public void NoItemsNoTotals() => Assert.Empty(ValueRollup.By([], _ => "organisation"));
}
