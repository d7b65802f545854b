using MQTTnet;
using MQTTnet.Protocol;

namespace FactoryCloud.Testing.Tests;

public sealed class MosquittoBrokerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnonymousBroker_RelaysAPublishedMessageToASubscriber()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { AllowAnonymous = true }, Ct);
        using var subscriber = await ConnectAsync(broker);
        var received = ReceiveOne(subscriber);
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("plants/1/telemetry", MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);

        using var publisher = await ConnectAsync(broker);
        await publisher.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic("plants/1/telemetry").WithPayload("42.5").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            Ct);

        var message = await received.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal("plants/1/telemetry", message.Topic);
        Assert.Equal("42.5", message.ConvertPayloadToString());
    }

    [Fact]
    public async Task PasswordBroker_RefusesAWrongPasswordAndAnonymousClients_AndAcceptsTheRightOne()
    {
        await using var broker = await MosquittoBroker.StartAsync(
            new MosquittoOptions { AllowAnonymous = false, Users = new Dictionary<string, string> { ["device-1"] = "right-password" } },
            Ct);

        AssertRefusedForCredentials(await TryConnectAsync(broker, "device-1", "wrong-password"));
        AssertRefusedForCredentials(await TryConnectAsync(broker));

        using var client = await ConnectAsync(broker, "device-1", "right-password");
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task PasswordFileContentAndAcl_ExportedElsewhere_AreEnforced()
    {
        // Credentials as an application would export them: a mosquitto_passwd file and an ACL file.
        using var export = TempDirectory.Create("fctest-export");
        var passwordFile = export.Combine("passwd");
        await File.WriteAllTextAsync(passwordFile, string.Empty, Ct);
        await ProcessRunner.RunAsync("mosquitto_passwd", ["-b", passwordFile, "gateway", "gw-pass"], cancellationToken: Ct);
        await ProcessRunner.RunAsync("mosquitto_passwd", ["-b", passwordFile, "dashboard", "db-pass"], cancellationToken: Ct);
        const string Acl = """
            user gateway
            topic write tenants/acme/#

            user dashboard
            topic read tenants/acme/#
            """;

        await using var broker = await MosquittoBroker.StartAsync(
            new MosquittoOptions
            {
                AllowAnonymous = false,
                PasswordFileContent = await File.ReadAllTextAsync(passwordFile, Ct),
                AclFileContent = Acl,
            },
            Ct);

        using var dashboard = await ConnectAsync(broker, "dashboard", "db-pass");
        var received = ReceiveOne(dashboard);
        await dashboard.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("tenants/acme/#", MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);
        using var gateway = await ConnectAsync(broker, "gateway", "gw-pass");

        // Not allowed for the gateway: mosquitto drops it silently (MQTT 3.1.1 has no negative PUBACK).
        await gateway.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("tenants/other/x").WithPayload("no").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);
        await gateway.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("tenants/acme/line-1").WithPayload("yes").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);

        var message = await received.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal("tenants/acme/line-1", message.Topic);
        Assert.Equal("yes", message.ConvertPayloadToString());
        AssertRefusedForCredentials(await TryConnectAsync(broker, "gateway", "db-pass"));
    }

    [Fact]
    public async Task Restart_KeepsThePortAndPersistedRetainedMessages()
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Persistence = true }, Ct);
        var port = broker.Port;
        using (var publisher = await ConnectAsync(broker))
        {
            await publisher.PublishAsync(
                new MqttApplicationMessageBuilder().WithTopic("plants/1/state").WithPayload("running").WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                Ct);
            await publisher.DisconnectAsync(cancellationToken: Ct);
        }

        await broker.StopAsync();
        Assert.False(broker.IsRunning);
        Assert.False(FreePort.IsAcceptingConnections(port));
        await broker.RestartAsync(Ct);

        Assert.True(broker.IsRunning);
        Assert.Equal(port, broker.Port);
        using var subscriber = await ConnectAsync(broker);
        var received = ReceiveOne(subscriber);
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("plants/1/state").Build(), Ct);
        var message = await received.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal("running", message.ConvertPayloadToString());
        Assert.True(message.Retain);
    }

    [Fact]
    public async Task Kill_DropsClientsAtOnce_AndRestartAcceptsThemAgain()
    {
        await using var broker = await MosquittoBroker.StartAsync(cancellationToken: Ct);
        using var client = await ConnectAsync(broker);
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.DisconnectedAsync += _ =>
        {
            disconnected.TrySetResult();
            return Task.CompletedTask;
        };

        broker.Kill();

        Assert.False(broker.IsRunning);
        await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(broker));

        await broker.RestartAsync(Ct);
        using var again = await ConnectAsync(broker);
        Assert.True(again.IsConnected);
    }

    [Fact]
    public async Task Dispose_ClosesThePortAndDeletesTheDirectory()
    {
        var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { Persistence = true }, Ct);
        var directory = broker.DirectoryPath;
        Assert.True(File.Exists(broker.ConfigFile));

        await broker.DisposeAsync();
        await broker.DisposeAsync();

        Assert.False(Directory.Exists(directory));
        Assert.False(FreePort.IsAcceptingConnections(broker.Port));
    }

    private static async Task<IMqttClient> ConnectAsync(MosquittoBroker broker, string? username = null, string? password = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            var result = await client.ConnectAsync(ClientOptions(broker, username, password), Ct);
            Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>MQTTnet 5 reports a refused CONNACK as a result code, not an exception.</summary>
    private static async Task<MqttClientConnectResultCode> TryConnectAsync(MosquittoBroker broker, string? username = null, string? password = null)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(ClientOptions(broker, username, password), Ct);
        return result.ResultCode;
    }

    private static MqttClientOptions ClientOptions(MosquittoBroker broker, string? username, string? password)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId($"fctest-{Guid.NewGuid():N}")
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (username is not null)
        {
            options = options.WithCredentials(username, password);
        }

        return options.Build();
    }

    private static void AssertRefusedForCredentials(MqttClientConnectResultCode code) =>
        Assert.Contains(code, new[] { MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized });

    private static Task<MqttApplicationMessage> ReceiveOne(IMqttClient client)
    {
        var received = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        return received.Task;
    }
}
