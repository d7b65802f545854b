using FactoryCloud.Simulator.Cli;

using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace FactoryCloud.Simulator.Tests;

public sealed class CommandLineTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;
    private const string Prefix = "fc/v1/acme/plant-1/assembly/line-1";

    [Fact]
    public void AllOptions_AreParsed()
    {
        var result = SimulatorCommandLine.Parse(
        [
            "--host", "broker.example.com", "--port", "8883", "--tls", "--client-id", "dev-1", "--username", "u", "--password", "p",
            "--topic-prefix", Prefix, "--machines", "m-01, m-02", "--rate", "2.5", "--duration", "60s", "--seed", "42", "--qos", "0",
            "--mqtt-version", "5", "--start", "2025-03-03T06:00:00+01:00", "--count-interval", "5s", "--measure-interval", "1m",
            "--seq-start", "1000", "--dry-run",
        ], NoEnvironment);

        var settings = Assert.IsType<SimulatorSettings>(result.Settings);
        Assert.Equal("broker.example.com", settings.Broker.Host);
        Assert.Equal(8883, settings.Broker.Port);
        Assert.True(settings.Broker.UseTls);
        Assert.Equal(("dev-1", "u", "p"), (settings.Broker.ClientId, settings.Broker.Username, settings.Broker.Password));
        Assert.Equal(("acme", "plant-1", "assembly", "line-1"), (settings.Tenant, settings.Site, settings.Area, settings.Line));
        Assert.Equal(["m-01", "m-02"], settings.Machines);
        Assert.Equal(2.5, settings.Rate);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.Duration);
        Assert.Equal(42, settings.Seed);
        Assert.Equal(MqttQualityOfServiceLevel.AtMostOnce, settings.Broker.QualityOfService);
        Assert.Equal(MqttProtocolVersion.V500, settings.Broker.ProtocolVersion);
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 6, 0, 0, TimeSpan.FromHours(1)), settings.Start);
        Assert.Equal(TimeSpan.FromHours(1), settings.UtcOffset);
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)), (settings.CountInterval, settings.MeasureInterval));
        Assert.Equal(1000UL, settings.FirstSequence);
        Assert.True(settings.DryRun);
    }

    [Fact]
    public void Defaults_AreThreeMachinesInRealTimeWithQos1OnLocalhost()
    {
        var settings = SimulatorCommandLine.Parse(["--topic-prefix", Prefix], NoEnvironment).Settings!;

        Assert.Equal(("127.0.0.1", 1883, false), (settings.Broker.Host, settings.Broker.Port, settings.Broker.UseTls));
        Assert.Equal(["m-01", "m-02", "m-03"], settings.Machines);
        Assert.Equal(1.0, settings.Rate);
        Assert.Null(settings.Duration);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, settings.Broker.QualityOfService);
        Assert.Null(settings.Broker.Username);
        Assert.StartsWith("fc-sim-", settings.Broker.ClientId, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentVariables_AreRead_AndTheCommandLineWins()
    {
        var environment = new Dictionary<string, string>
        {
            ["FC_SIM_HOST"] = "env-host",
            ["FC_SIM_PASSWORD"] = "env-secret",
            ["FC_SIM_TOPIC_PREFIX"] = Prefix,
            ["FC_SIM_MACHINE_COUNT"] = "12",
            ["FC_SIM_SEED"] = "5",
            ["FC_SIM_DRY_RUN"] = "true",
        };

        var settings = SimulatorCommandLine.Parse(["--seed=6"], name => environment.GetValueOrDefault(name)).Settings!;

        Assert.Equal("env-host", settings.Broker.Host);
        Assert.Equal("env-secret", settings.Broker.Password);
        Assert.Equal(12, settings.Machines.Count);
        Assert.Equal("m-12", settings.Machines[^1]);
        Assert.Equal(6, settings.Seed);
        Assert.True(settings.DryRun);
    }

    [Fact]
    public void AMachineLevelTopicPrefix_NamesTheOneMachine()
    {
        var settings = SimulatorCommandLine.Parse(["--topic-prefix", Prefix + "/press-7"], NoEnvironment).Settings!;

        Assert.Equal(["press-7"], settings.Machines);
        Assert.Equal("line-1", settings.Line);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("8h", 28800)]
    [InlineData("1d", 86400)]
    [InlineData("1500ms", 1.5)]
    [InlineData("45", 45)]
    [InlineData("01:30:00", 5400)]
    public void Durations_AcceptUnitsAndTimeSpans(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SimulatorCommandLine.ParseDuration(text, "duration"));

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_IsRecognised_EvenWithoutOtherOptions(string flag) =>
        Assert.True(SimulatorCommandLine.Parse([flag], NoEnvironment).ShowHelp);

    [Theory]
    [InlineData("no prefix", new string[0])]
    [InlineData("topic-prefix", new[] { "--topic-prefix", "fc/v1/Acme/plant-1/assembly/line-1" })]
    [InlineData("topic-prefix", new[] { "--topic-prefix", "fc/v2/acme/plant-1/assembly/line-1" })]
    [InlineData("not both", new[] { "--topic-prefix", Prefix, "--machines", "a", "--machine-count", "2" })]
    [InlineData("machine key", new[] { "--topic-prefix", Prefix, "--machines", "m_01" })]
    [InlineData("unique", new[] { "--topic-prefix", Prefix, "--machines", "a,a" })]
    [InlineData("rate", new[] { "--topic-prefix", Prefix, "--rate", "0" })]
    [InlineData("needs a --duration", new[] { "--topic-prefix", Prefix, "--rate", "max" })]
    [InlineData("qos", new[] { "--topic-prefix", Prefix, "--qos", "3" })]
    [InlineData("Unrecognized command or argument '--colour'", new[] { "--topic-prefix", Prefix, "--colour", "red" })]
    [InlineData("Required argument missing for option: '--topic-prefix'", new[] { "--topic-prefix" })]
    [InlineData("start", new[] { "--topic-prefix", Prefix, "--start", "2025-03-03 06:00:00" })]
    [InlineData("duration", new[] { "--topic-prefix", Prefix, "--duration", "soon" })]
    public void InvalidOptions_GiveAnError(string expected, string[] args)
    {
        var result = SimulatorCommandLine.Parse(args, NoEnvironment);

        Assert.Null(result.Settings);
        Assert.False(result.ShowHelp);
        Assert.Contains(expected == "no prefix" ? "--topic-prefix is required" : expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_ListsEveryOptionWithItsEnvironmentVariable()
    {
        var usage = SimulatorCommandLine.Usage();

        foreach (var option in new[] { "host", "port", "client-id", "username", "password", "topic-prefix", "machines", "machine-count", "rate", "duration", "seed", "qos" })
        {
            Assert.Contains($"--{option}", usage, StringComparison.Ordinal);
            Assert.Contains(SimulatorCommandLine.EnvironmentName(option), usage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ASpedUpRunWithADuration_StartsInThePast_SoItEndsAtTheWallClocksEnd()
    {
        var now = new DateTimeOffset(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);
        var settings = SimulatorCommandLine.Parse(["--topic-prefix", Prefix, "--rate", "60", "--duration", "1h", "--seed", "1"], NoEnvironment).Settings!;

        var options = SimulatorApp.BuildOptions(settings, now);

        // One simulated hour takes one wall minute and ends when the wall clock reaches now + 1 min.
        Assert.Equal(now + TimeSpan.FromMinutes(1) - TimeSpan.FromHours(1), options.Start);
        Assert.Equal((ulong)((now - DateTimeOffset.UnixEpoch).Ticks / 10), options.FirstSequence);
    }
}
