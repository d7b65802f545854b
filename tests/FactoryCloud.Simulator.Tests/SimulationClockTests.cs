using System.Diagnostics;

using FactoryCloud.Simulator.Simulation;

namespace FactoryCloud.Simulator.Tests;

public sealed class SimulationClockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VirtualClock_RunsAnHourOfTelemetryWithoutWaiting_AndMatchesAdvanceTo()
    {
        var options = Shifts.Options(seed: 9, machines: 2);
        var clock = new VirtualClock(options.Start);
        var simulation = new PlantSimulation(options);
        var stopwatch = Stopwatch.StartNew();

        var messages = new List<SimulatedMessage>();
        await foreach (var message in simulation.RunAsync(clock, options.Start + TimeSpan.FromHours(1), cancellationToken: Ct))
        {
            messages.Add(message);
        }

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(options.Start + TimeSpan.FromHours(1), clock.Now);
        Assert.Equal(new PlantSimulation(options).Advance(TimeSpan.FromHours(1)), messages);
    }

    [Fact]
    public void VirtualClock_AdvancesOnlyWhenTold()
    {
        var start = Shifts.EarlyShiftStart;
        var clock = new VirtualClock(start);

        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(start + TimeSpan.FromMinutes(5), clock.Now);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task RealTimeClock_WithSpeedUp_RunsSimulatedTimeFasterThanTheWallClock()
    {
        var start = DateTimeOffset.UtcNow;
        var clock = new RealTimeClock(start, speedUp: 600);
        var stopwatch = Stopwatch.StartNew();

        await clock.WaitUntilAsync(start + TimeSpan.FromMinutes(2), Ct); // 120 s / 600 = 200 ms

        Assert.True(clock.Now >= start + TimeSpan.FromMinutes(2));
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(190), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RealTimeRun_DeliversEachMessageOnlyOnceTheClockHasReachedItsTs()
    {
        var options = Shifts.Options(seed: 4, machines: 2); // from the early shift's start: a break at the time the test runs would publish less
        var simulation = new PlantSimulation(options);
        var clock = new RealTimeClock(simulation.Start, speedUp: 120); // a minute of simulated time in 0.5 s
        var received = new List<(SimulatedMessage Message, DateTimeOffset ClockAtDelivery)>();

        await foreach (var message in simulation.RunAsync(clock, simulation.Start + TimeSpan.FromMinutes(1), cancellationToken: Ct))
        {
            received.Add((message, clock.Now));
        }

        Assert.True(received.Count > 10);
        Assert.All(received, r => Assert.True(r.ClockAtDelivery >= r.Message.Timestamp, $"{r.Message} delivered at {r.ClockAtDelivery:O}"));
        Assert.Equal(new PlantSimulation(options).Advance(TimeSpan.FromMinutes(1)), received.Select(r => r.Message));
    }

    [Fact]
    public async Task RealTimeRun_StopsWhenCancelled()
    {
        var simulation = new PlantSimulation(Shifts.Options(seed: 4, machines: 1, start: DateTimeOffset.UtcNow));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in simulation.RunAsync(new RealTimeClock(simulation.Start), cancellationToken: cancellation.Token))
            {
            }
        });
    }

    [Fact]
    public void RealTimeClock_RefusesANonPositiveSpeedUp()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealTimeClock(DateTimeOffset.UtcNow, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealTimeClock(DateTimeOffset.UtcNow, double.NaN));
    }
}
