using FactoryCloud.Domain.Backlogs;
using Xunit;

namespace FactoryCloud.Domain.Tests.Backlogs;

public sealed class RankTests
{
    [Theory]
    [InlineData(null, null, "i")]
    [InlineData("i", null, "i01")]
    [InlineData("i0z", null, "i1")]
    [InlineData("zzz", null, "zzz001")]
    [InlineData("i5abcdef", null, "i5b")]
    [InlineData(null, "i", "hzz")]
    [InlineData(null, "i5abcdef", "i5a")]
    [InlineData(null, "001", "000zz")]
    [InlineData("a", "c", "b")]
    [InlineData("a", "b", "ai")]
    [InlineData("a", "a1", "a0i")]
    [InlineData("az", "b", "azi")]
    public void BetweenGivesTheExpectedMidpoint(string? lower, string? upper, string expected)
    {
        var key = Rank.Between(lower, upper);

        Assert.Equal(expected, key);
        Assert.True(lower is null || string.CompareOrdinal(lower, key) < 0);
        Assert.True(upper is null || string.CompareOrdinal(key, upper) < 0);
    }

    [Fact]
    public void RepeatedInsertsAtTheSameSpotStayOrderedAndGrowSlowly()
    {
        var lower = "a";
        var upper = "b";
        for (var i = 0; i < 50; i++)
        {
            var key = Rank.Between(lower, upper);
            Assert.True(string.CompareOrdinal(lower, key) < 0 && string.CompareOrdinal(key, upper) < 0, key);
            Assert.True(Rank.IsValid(key));
            upper = key; // always insert just after "a"
        }
        Assert.InRange(upper.Length, 2, 52);
    }

    [Fact]
    public void AppendingOrPrependingTenThousandItemsKeepsKeysShort()
    {
        string? last = null, first = null;
        for (var i = 0; i < 10_000; i++)
        {
            var next = Rank.After(last);
            Assert.True(last is null || string.CompareOrdinal(last, next) < 0);
            last = next;
            var before = Rank.Before(first);
            Assert.True(first is null || string.CompareOrdinal(before, first) < 0);
            first = before;
        }
        Assert.True(last!.Length <= 4 && first!.Length <= 4, $"{first} {last}");
    }

    [Fact]
    public void InsertingManyTimesAtTheSameSpotEventuallyAsksForARebalance()
    {
        var upper = "b";
        var asked = false;
        for (var i = 0; i < 500 && !asked; i++)
        {
            upper = Rank.Between("a", upper);
            asked = Rank.NeedsRebalance(upper);
        }
        Assert.True(asked);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(35)]
    [InlineData(5000)]
    public void SpreadGivesStrictlyAscendingValidKeys(int count)
    {
        var keys = Rank.Spread(count);

        Assert.Equal(count, keys.Count);
        Assert.All(keys, k => Assert.True(Rank.IsValid(k), k));
        for (var i = 1; i < keys.Count; i++) Assert.True(string.CompareOrdinal(keys[i - 1], keys[i]) < 0, $"{keys[i - 1]} !< {keys[i]}");
        Assert.All(keys, k => Assert.True(k.Length <= 4));
    }

    [Fact]
    public void ThereIsRoomBetweenAnyTwoSpreadNeighbours()
    {
        var keys = Rank.Spread(5000);
        for (var i = 1; i < keys.Count; i++) Assert.True(string.CompareOrdinal(Rank.Between(keys[i - 1], keys[i]), keys[i]) < 0);
    }

    [Theory]
    [InlineData("b", "a")]
    [InlineData("a", "a")]
    [InlineData("a0", null)]
    [InlineData("A", null)]
    [InlineData("", null)]
    public void RefusesKeysOutOfOrderOrMalformed(string lower, string? upper) =>
        Assert.Throws<ArgumentException>(() => Rank.Between(lower, upper));
}
