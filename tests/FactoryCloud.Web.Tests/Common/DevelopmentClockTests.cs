using FactoryCloud.Web.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace FactoryCloud.Web.Tests.Common;

public sealed class DevelopmentClockTests
{
    [Fact]
    public void InDevelopmentTheOffsetReplacesEveryRegisteredClock()
    {
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddSingleton(TimeProvider.System);

        DevelopmentClock.Apply(services, Settings("-2.00:00:00"), Environment(Environments.Development));

        var clock = Assert.IsType<OffsetTimeProvider>(Assert.Single(services.BuildServiceProvider().GetServices<TimeProvider>()));
        Assert.Equal(TimeSpan.FromDays(-2), clock.Offset);
        var shift = TimeProvider.System.GetUtcNow() - clock.GetUtcNow();
        Assert.InRange(shift, TimeSpan.FromDays(2) - TimeSpan.FromSeconds(5), TimeSpan.FromDays(2) + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void WithoutTheSettingTheSystemClockStays()
    {
        var services = new ServiceCollection().AddSingleton(TimeProvider.System);

        DevelopmentClock.Apply(services, Settings(null), Environment(Environments.Development));

        Assert.Same(TimeProvider.System, services.BuildServiceProvider().GetRequiredService<TimeProvider>());
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void OutsideDevelopmentTheSettingStopsTheApp(string environment)
    {
        var failure = Assert.Throws<InvalidOperationException>(() =>
            DevelopmentClock.Apply(new ServiceCollection(), Settings("-1.00:00:00"), Environment(environment)));
        Assert.Contains("development and tests only", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOffsetThatIsNotATimeSpanIsRefused()
    {
        var failure = Assert.Throws<InvalidOperationException>(() =>
            DevelopmentClock.Apply(new ServiceCollection(), Settings("two days"), Environment(Environments.Development)));
        Assert.Contains("'two days'", failure.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(string? offset) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DevelopmentClock.Setting] = offset }).Build();

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };
}
