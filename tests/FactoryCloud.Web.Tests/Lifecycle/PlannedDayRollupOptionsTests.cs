using FactoryCloud.Web.Features.Lifecycle;

namespace FactoryCloud.Web.Tests.Lifecycle;

public sealed class PlannedDayRollupOptionsTests
{
    [Theory]
    [InlineData(50, false, 50)]
    [InlineData(50, true, 200)] // shorter than Microsoft.Data.Sqlite's 150 ms busy retry: a waiting writer could miss every gap
    [InlineData(150, true, 200)]
    [InlineData(500, true, 500)]
    [InlineData(0, true, 200)] // none at all would keep the one write lock for the whole backfill
    [InlineData(0, false, 0)]
    public void OnSqliteAPauseIsLongerThanTheDriversBusyRetry(int pauseMs, bool sqlite, int expectedMs)
    {
        var options = new PlannedDayRollupOptions { Pause = TimeSpan.FromMilliseconds(pauseMs) };
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), options.PauseFor(sqlite));
    }
}
