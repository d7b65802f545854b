using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;

using Xunit;

namespace FactoryCloud.Domain.Tests.Telemetry;

public class MachineStateWireNamesTests
{
    [Theory]
    [InlineData(MachineState.Running, "running")]
    [InlineData(MachineState.Idle, "idle")]
    [InlineData(MachineState.Down, "down")]
    [InlineData(MachineState.Changeover, "changeover")]
    [InlineData(MachineState.PlannedStop, "planned_stop")]
    [InlineData(MachineState.Offline, "offline")]
    public void RoundTripsWireName(MachineState state, string wireName)
    {
        Assert.Equal(wireName, state.ToWireName());
        Assert.True(MachineStateWireNames.TryParse(wireName, out var parsed));
        Assert.Equal(state, parsed);
    }

    [Fact]
    public void ListsEveryState() => Assert.Equal(Enum.GetValues<MachineState>(), MachineStateWireNames.All);

    [Theory]
    [InlineData("Running")]
    [InlineData("plannedstop")]
    [InlineData("PlannedStop")]
    [InlineData("")]
    public void RefusesOtherNames(string wireName) => Assert.False(MachineStateWireNames.TryParse(wireName, out _));
}
