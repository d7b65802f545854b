using FactoryCloud.Domain.Telemetry;

using Xunit;

using static FactoryCloud.Domain.Tests.Telemetry.TelemetryTestData;

namespace FactoryCloud.Domain.Tests.Telemetry;

public class DeviceScopeTests
{
    private static readonly MachinePath Press7 = new("plant-1", "assembly", "line-2", "press-7");

    [Fact]
    public void SiteScopeAllowsEveryMachineOfTheSite()
    {
        var scope = DeviceScope.ForSite("acme", "plant-1");

        Assert.True(scope.Allows(Topic()));
        Assert.True(scope.Allows(Topic(area: "paint", line: "l9", machine: "robot")));
        Assert.False(scope.Allows(Topic(site: "plant-2")));
    }

    [Fact]
    public void AreaScopeAllowsOnlyItsArea()
    {
        var scope = DeviceScope.ForArea("acme", "plant-1", "assembly");

        Assert.True(scope.Allows(Topic(line: "line-9", machine: "m")));
        Assert.False(scope.Allows(Topic(area: "paint")));
    }

    [Fact]
    public void LineScopeAllowsOnlyMachinesOfItsLine()
    {
        var scope = DeviceScope.ForLine("acme", "plant-1", "assembly", "line-2");

        Assert.True(scope.Allows(Topic(machine: "press-8")));
        Assert.False(scope.Allows(Topic(line: "line-3")));
        Assert.False(scope.Allows(Topic(area: "paint")));
    }

    [Fact]
    public void MachineScopeAllowsOnlyItsMachineOnEveryChannel()
    {
        var scope = DeviceScope.ForMachine("acme", Press7);

        foreach (var channel in Enum.GetValues<TelemetryChannel>())
        {
            Assert.True(scope.Allows(new TelemetryTopic("acme", Press7, channel)));
        }
        Assert.False(scope.Allows(Topic(machine: "press-8")));
        Assert.False(scope.Allows(Topic(line: "line-3")));
    }

    [Fact]
    public void RefusesOtherTenantEvenWithTheSameKeys()
    {
        Assert.False(DeviceScope.ForSite("acme", "plant-1").Allows(Topic(tenant: "globex")));
        Assert.False(DeviceScope.ForMachine("acme", Press7).Allows(Topic(tenant: "acme-2")));
    }

    [Fact]
    public void CheckReportsOutOfScope()
    {
        var scope = DeviceScope.ForLine("acme", "plant-1", "assembly", "line-2");

        Assert.Equal(RefusalReason.None, scope.Check(Topic()));
        Assert.Equal(RefusalReason.OutOfScope, scope.Check(Topic(line: "line-3")));
    }

    [Fact]
    public void GivesTheMatchingMqttFilter()
    {
        Assert.Equal("fc/v1/acme/plant-1/#", DeviceScope.ForSite("acme", "plant-1").ToTopicFilter());
        Assert.Equal("fc/v1/acme/plant-1/assembly/#", DeviceScope.ForArea("acme", "plant-1", "assembly").ToTopicFilter());
        Assert.Equal("fc/v1/acme/plant-1/assembly/line-2/#", DeviceScope.ForLine("acme", "plant-1", "assembly", "line-2").ToTopicFilter());
        Assert.Equal("fc/v1/acme/plant-1/assembly/line-2/press-7/+", DeviceScope.ForMachine("acme", Press7).ToTopicFilter());
    }

    [Fact]
    public void ExposesItsLevel()
    {
        var line = DeviceScope.ForLine("acme", "plant-1", "assembly", "line-2");

        Assert.Equal(("acme", "plant-1", "assembly", "line-2"), (line.Tenant, line.Site, line.Area, line.Line));
        Assert.Null(line.Machine);
        Assert.Null(DeviceScope.ForSite("acme", "plant-1").Area);
    }

    [Fact]
    public void RejectsInvalidKeys()
    {
        Assert.Throws<ArgumentException>(() => DeviceScope.ForSite("Acme", "plant-1"));
        Assert.Throws<ArgumentException>(() => DeviceScope.ForSite("acme", "plant/1"));
        Assert.Throws<ArgumentNullException>(() => DeviceScope.ForArea("acme", "plant-1", null!));
        Assert.Throws<ArgumentNullException>(() => DeviceScope.ForLine("acme", "plant-1", "assembly", null!));
        Assert.Throws<ArgumentNullException>(() => DeviceScope.ForMachine("acme", null!));
    }
}
