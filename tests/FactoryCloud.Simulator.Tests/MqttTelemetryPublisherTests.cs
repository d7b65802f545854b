using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Simulator.Publishing;
using FactoryCloud.Simulator.Simulation;
using FactoryCloud.Testing;

using MQTTnet;
using MQTTnet.Protocol;

namespace FactoryCloud.Simulator.Tests;

/// <summary>The publisher against a real mosquitto, with device credentials and an ACL like production's.</summary>
public sealed class MqttTelemetryPublisherTests
{
    private const string DeviceSecret = "dev-1-secret";
    private const string ReaderSecret = "reader-secret";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MosquittoOptions DeviceBroker(bool persistence = false) => new()
    {
        AllowAnonymous = false,
        Users = new Dictionary<string, string> { ["dev-1"] = DeviceSecret, ["reader"] = ReaderSecret },
        // The device may publish only for its line (its scope); the reader sees the tenant.
        AclFileContent = """
            user dev-1
            topic write fc/v1/acme/plant-1/assembly/line-1/#

            user reader
            topic read fc/v1/acme/#
            """,
        Persistence = persistence,
    };

    private static MqttPublisherOptions Device(MosquittoBroker broker, string password = DeviceSecret) => new()
    {
        Host = broker.Host,
        Port = broker.Port,
        ClientId = "dev-1",
        Username = "dev-1",
        Password = password,
        InitialReconnectDelay = TimeSpan.FromMilliseconds(100),
        MaxReconnectDelay = TimeSpan.FromSeconds(1),
    };

    [Fact]
    public async Task AShortVirtualRun_IsDeliveredToASubscriber_WithTheExpectedTopicsAndPayloadsInOrder()
    {
        await using var broker = await MosquittoBroker.StartAsync(DeviceBroker(), Ct);
        using var subscriber = await MqttTestClient.SubscribeAsync(broker, "fc/v1/acme/#", "reader", ReaderSecret);
        var options = Shifts.Options(seed: 21, machines: 3);
        var expected = new PlantSimulation(options).Advance(TimeSpan.FromMinutes(10));
        var log = new StringWriter();

        await using (var publisher = new MqttTelemetryPublisher(Device(broker), log))
        {
            await publisher.ConnectAsync(Ct);
            var simulation = new PlantSimulation(options);
            var published = await publisher.PublishAllAsync(
                simulation.RunAsync(new VirtualClock(simulation.Start), simulation.Start + TimeSpan.FromMinutes(10), cancellationToken: Ct), Ct);
            await publisher.StopAsync(Ct);

            Assert.Equal(expected.Count, published);
            Assert.Equal(expected.Count, publisher.PublishedCount);
            Assert.Equal(1, publisher.ConnectionCount);
        }

        var received = await subscriber.WaitForAsync(expected.Count);
        Assert.Equal(expected.Select(m => (m.TopicName, m.Payload)), received.Select(m => (m.Topic, m.ConvertPayloadToString())));
        Assert.All(received, m =>
        {
            Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, m.QualityOfServiceLevel);
            Assert.False(m.Retain);
        });
        var channels = received.Select(m => m.Topic[(m.Topic.LastIndexOf('/') + 1)..]).Distinct().Order();
        Assert.Equal(["count", "measure", "state"], channels);
        Assert.Equal(3, received.Select(m => m.Topic.Split('/')[6]).Distinct().Count());
        // What arrived is what the server accepts.
        TelemetryLog.Parse(expected);
        Assert.Contains("connected to 127.0.0.1", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongCredentials_AreReportedAtConnect_InsteadOfRetriedForever()
    {
        await using var broker = await MosquittoBroker.StartAsync(DeviceBroker(), Ct);
        await using var publisher = new MqttTelemetryPublisher(Device(broker, password: "wrong"));

        var error = await Assert.ThrowsAsync<MqttConnectionRefusedException>(() => publisher.ConnectAsync(Ct));

        Assert.Contains(error.ResultCode, new[] { MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized });
    }

    [Fact]
    public async Task WhenTheBrokerGoesAway_ThePublisherReconnectsWithBackoff_AndDeliversTheMessagesAfterwards()
    {
        await using var broker = await MosquittoBroker.StartAsync(DeviceBroker(persistence: true), Ct);
        using var subscriber = await MqttTestClient.SubscribeAsync(broker, "fc/v1/acme/#", "reader", ReaderSecret, persistentSession: true);
        var simulation = new PlantSimulation(Shifts.Options(seed: 5, machines: 2));
        var before = simulation.Advance(TimeSpan.FromMinutes(2));
        var after = simulation.Advance(TimeSpan.FromMinutes(2));
        var log = new StringWriter();
        await using var publisher = new MqttTelemetryPublisher(Device(broker), TextWriter.Synchronized(log));
        await publisher.ConnectAsync(Ct);
        await publisher.PublishAllAsync(Async(before), Ct);
        await subscriber.WaitForAsync(before.Count);

        await broker.StopAsync();
        var publishing = publisher.PublishAllAsync(Async(after), Ct);
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        Assert.False(publishing.IsCompleted);
        Assert.False(publisher.IsConnected);
        await broker.RestartAsync(Ct);

        Assert.Equal(after.Count, await publishing.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.True(publisher.ConnectionCount >= 2);
        Assert.Contains("connection lost", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("reconnected", log.ToString(), StringComparison.Ordinal);
        // The subscriber's persistent session kept what was published while it was away too.
        await subscriber.ConnectAsync();
        var received = await subscriber.WaitForAsync(before.Count + after.Count);
        Assert.Equal(
            before.Concat(after).Select(m => (m.TopicName, m.Payload)),
            received.DistinctBy(m => m.ConvertPayloadToString()).Select(m => (m.Topic, m.ConvertPayloadToString())));
    }

    [Fact]
    public async Task StoppingAnEndlessRealTimeRun_FinishesGracefully_WithADisconnect()
    {
        await using var broker = await MosquittoBroker.StartAsync(DeviceBroker(), Ct);
        using var subscriber = await MqttTestClient.SubscribeAsync(broker, "fc/v1/acme/#", "reader", ReaderSecret);
        var simulation = new PlantSimulation(Shifts.Options(seed: 5, machines: 3)); // production time, whenever the test runs
        await using var publisher = new MqttTelemetryPublisher(Device(broker));
        await publisher.ConnectAsync(Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(TimeSpan.FromSeconds(1.5));

        // Ten-fold speed, no end: only the stop request ends it.
        var published = await publisher.PublishAllAsync(simulation.RunAsync(new RealTimeClock(simulation.Start, 10), cancellationToken: stop.Token), stop.Token);
        await publisher.StopAsync(Ct);

        Assert.True(published > 3, $"{published} published");
        Assert.False(publisher.IsConnected);
        var received = await subscriber.WaitForAsync((int)published);
        Assert.Equal(published, received.Count);
        // Stopped first, so the log holds everything the broker saw of the connection.
        await broker.StopAsync();
        var brokerLog = await File.ReadAllTextAsync(broker.LogFile, Ct);
        Assert.Contains("Client dev-1 disconnected.", brokerLog, StringComparison.Ordinal);
        Assert.DoesNotContain("Client dev-1 closed its connection", brokerLog, StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<SimulatedMessage> Async(IEnumerable<SimulatedMessage> messages)
    {
        foreach (var message in messages)
        {
            await Task.Yield();
            yield return message;
        }
    }
}
