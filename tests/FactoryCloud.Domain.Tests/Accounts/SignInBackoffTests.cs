using FactoryCloud.Domain.Accounts;

namespace FactoryCloud.Domain.Tests.Accounts;

public sealed class SignInBackoffTests
{
    private static readonly SignInBackoff Backoff = SignInBackoff.Default;
    private static readonly DateTimeOffset Noon = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 0)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(6, 4)]
    [InlineData(12, 256)]
    [InlineData(14, 900)]
    [InlineData(1000, 900)]
    public void TheFirstThreeFailuresAreFreeThenEachDoublesTheWaitUpToFifteenMinutes(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.DelayAfter(failures));

    [Fact]
    public void TheFirstDelayIsConfigurable() =>
        Assert.Equal(TimeSpan.FromHours(2), new SignInBackoff(0, TimeSpan.FromHours(1), TimeSpan.FromDays(1)).DelayAfter(2));

    [Fact]
    public void TheWaitRunsFromTheLastFailure()
    {
        Assert.Equal(TimeSpan.FromSeconds(4), Backoff.Remaining(6, Noon, Noon));
        Assert.Equal(TimeSpan.FromSeconds(1), Backoff.Remaining(6, Noon, Noon.AddSeconds(3)));
        Assert.Equal(TimeSpan.Zero, Backoff.Remaining(6, Noon, Noon.AddSeconds(4)));
    }

    [Fact]
    public void FailuresLongAgoAreForgotten()
    {
        Assert.Equal(TimeSpan.Zero, Backoff.Remaining(50, Noon, Noon + Backoff.Memory));
        Assert.Equal(1, Backoff.FailuresAfter(50, Noon, Noon + Backoff.Memory));
        Assert.Equal(51, Backoff.FailuresAfter(50, Noon, Noon.AddMinutes(20)));
    }
}
