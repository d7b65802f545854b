using FactoryCloud.Simulator.Cli;
using FactoryCloud.Simulator.Simulation;
using FactoryCloud.Testing;

using MQTTnet;

namespace FactoryCloud.Simulator.Tests;

/// <summary>The console program end to end (what <c>dotnet run --project src/FactoryCloud.Simulator</c> does).</summary>
public sealed class SimulatorAppTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] ShortRun =
    [
        "--topic-prefix", "fc/v1/acme/plant-1/assembly/line-1", "--machines", "m-01,m-02", "--rate", "max", "--duration", "5m",
        "--seed", "42", "--start", "2025-03-03T06:00:00+01:00", "--seq-start", "0",
    ];

    [Fact]
    public async Task DryRun_PrintsTopicAndPayloadLines_ThatTheParserAccepts()
    {
        var output = new StringWriter();
        var log = new StringWriter();

        var exitCode = await SimulatorApp.RunAsync([.. ShortRun, "--dry-run"], _ => null, output, log, Ct);

        Assert.Equal(0, exitCode);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = Expected(ShortRun);
        Assert.Equal(expected.Select(m => m.ToString()), lines);
        Assert.StartsWith("""fc/v1/acme/plant-1/assembly/line-1/m-01/state {"ts":"2025-03-03T06:00:00.000+01:00","seq":0,""", lines[0], StringComparison.Ordinal);
        Assert.Contains("seed 42", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishingRun_WithCredentialsFromTheEnvironment_DeliversEveryMessageThroughMosquitto()
    {
        await using var broker = await MosquittoBroker.StartAsync(
            new MosquittoOptions
            {
                AllowAnonymous = false,
                Users = new Dictionary<string, string> { ["dev-1"] = "s3cret", ["reader"] = "r" },
                AclFileContent = "user dev-1\ntopic write fc/v1/acme/plant-1/assembly/line-1/#\n\nuser reader\ntopic read fc/v1/#\n",
            },
            Ct);
        using var subscriber = await MqttTestClient.SubscribeAsync(broker, "fc/v1/#", "reader", "r");
        string[] args = [.. ShortRun, "--host", broker.Host, "--port", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--client-id", "dev-1", "--username", "dev-1"];
        var environment = new Dictionary<string, string> { ["FC_SIM_PASSWORD"] = "s3cret" };
        var log = new StringWriter();

        var exitCode = await SimulatorApp.RunAsync(args, name => environment.GetValueOrDefault(name), TextWriter.Null, TextWriter.Synchronized(log), Ct);

        Assert.Equal(0, exitCode);
        var expected = Expected(args);
        var received = await subscriber.WaitForAsync(expected.Count);
        Assert.Equal(expected.Select(m => (m.TopicName, m.Payload)), received.Select(m => (m.Topic, m.ConvertPayloadToString())));
        Assert.Contains($"finished: published {expected.Count} messages", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_ExitsWithOne()
    {
        await using var broker = await MosquittoBroker.StartAsync(
            new MosquittoOptions { AllowAnonymous = false, Users = new Dictionary<string, string> { ["dev-1"] = "s3cret" } }, Ct);
        var log = new StringWriter();

        var exitCode = await SimulatorApp.RunAsync(
            [.. ShortRun, "--port", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", "dev-1", "--password", "nope"],
            _ => null, TextWriter.Null, TextWriter.Synchronized(log), Ct);

        Assert.Equal(1, exitCode);
        Assert.Contains("refused the connection", log.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--help" }, 0)]
    [InlineData(new[] { "--rate", "fast" }, 2)]
    public async Task HelpAndBadOptions_GiveTheirExitCodes(string[] args, int expectedExitCode)
    {
        var output = new StringWriter();
        var log = new StringWriter();

        var exitCode = await SimulatorApp.RunAsync(args, _ => null, output, log, Ct);

        Assert.Equal(expectedExitCode, exitCode);
        Assert.Contains(expectedExitCode == 0 ? "Usage:" : "See --help", expectedExitCode == 0 ? output.ToString() : log.ToString(), StringComparison.Ordinal);
    }

    private static IReadOnlyList<SimulatedMessage> Expected(string[] args)
    {
        var settings = SimulatorCommandLine.Parse(args, _ => null).Settings!;
        var simulation = new PlantSimulation(SimulatorApp.BuildOptions(settings, DateTimeOffset.UtcNow));
        return simulation.Advance(settings.Duration!.Value);
    }
}
