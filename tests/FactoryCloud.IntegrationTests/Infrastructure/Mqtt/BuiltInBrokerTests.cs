using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Devices;
using FactoryCloud.Infrastructure.Mqtt;
using FactoryCloud.Infrastructure.Pipeline;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using FactoryCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace FactoryCloud.IntegrationTests.Infrastructure.Mqtt;

/// <summary>The built-in broker with real MQTT clients: device authentication and topic scope on every publish and subscribe.</summary>
public sealed class BuiltInBrokerTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    /// <summary>Stands in for the pipeline behind the broker, which has its own tests.</summary>
    private sealed class RecordingIngress : ITelemetryIngress
    {
        public ConcurrentQueue<(Guid Tenant, string Topic)> Accepted { get; } = new();

        public Task<RefusalReason> AcceptAsync(DeviceIdentity device, TelemetryTopic topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            Accepted.Enqueue((device.TenantId, topic.Format()));
            return Task.FromResult(RefusalReason.None);
        }

        public ConcurrentQueue<(string Topic, RefusalReason Reason)> Refused { get; } = new();

        public void Refuse(DeviceIdentity device, string topic, RefusalReason reason, ReadOnlySpan<byte> payload) => Refused.Enqueue((topic, reason));
    }

    private readonly RecordingIngress _ingress = new();
    private BuiltInBroker? _broker;

    [Fact]
    public async Task ADeviceWithValidCredentialsPublishesInsideItsScope()
    {
        var (owner, credentials) = await IssueAsync();
        await using var client = await ConnectAsync(credentials);

        var result = await PublishAsync(client, $"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-1/state");

        Assert.Equal(MqttClientPublishReasonCode.Success, result);
        Assert.Contains(_ingress.Accepted, a => a.Tenant == owner.TenantId && a.Topic.EndsWith("press-1/state", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedAtConnect()
    {
        var (_, credentials) = await IssueAsync();
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(Options(credentials, password: "wrong"), TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
    }

    [Theory]
    [InlineData("plant-1/assembly/line-1/press-2/state")]
    [InlineData("plant-1/assembly/line-2/press-1/count")]
    [InlineData("plant-2/assembly/line-1/press-1/measure")]
    public async Task PublishingForAnotherMachineLineOrSiteIsRefused(string path)
    {
        var (owner, credentials) = await IssueAsync();
        await using var client = await ConnectAsync(credentials);

        var result = await PublishAsync(client, $"fc/v1/{owner.Slug}/{path}");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result);
        Assert.Empty(_ingress.Accepted);
        Assert.Equal(RefusalReason.OutOfScope, Assert.Single(_ingress.Refused).Reason);
    }

    [Fact]
    public async Task PublishingIntoAnotherTenantIsRefused()
    {
        var (_, credentials) = await IssueAsync();
        var other = await ApiSession.SignUpAsync(App);
        await using var client = await ConnectAsync(credentials);

        var result = await PublishAsync(client, $"fc/v1/{other.Slug}/plant-1/assembly/line-1/press-1/state");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result);
        Assert.Empty(_ingress.Accepted);
    }

    [Fact]
    public async Task SubscribingOutsideTheScopeIsRefused()
    {
        var (owner, credentials) = await IssueAsync();
        await using var client = await ConnectAsync(credentials);

        var result = await client.Client.SubscribeAsync($"fc/v1/{owner.Slug}/#", MqttQualityOfServiceLevel.AtLeastOnce, TestContext.Current.CancellationToken);

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, result.Items.Single().ResultCode);
    }

    [Fact]
    public async Task ALineGatewayPublishesForEveryMachineOfItsLine()
    {
        var (owner, credentials) = await IssueAsync("lines");
        await using var client = await ConnectAsync(credentials);

        Assert.Equal(MqttClientPublishReasonCode.Success, await PublishAsync(client, $"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-1/count"));
        Assert.Equal(MqttClientPublishReasonCode.Success, await PublishAsync(client, $"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-9/count"));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await PublishAsync(client, $"fc/v1/{owner.Slug}/plant-1/assembly/line-2/press-1/count"));
    }

    private sealed record ConnectedClient(IMqttClient Client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Client.DisconnectAsync();
            Client.Dispose();
        }
    }

    private async Task<(ApiSession Owner, JsonElement Credentials)> IssueAsync(string level = "machines")
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var credentials = await plant.IssueCredentialsAsync(owner, level);
        _broker ??= await StartBrokerAsync();
        return (owner, credentials);
    }

    private async Task<BuiltInBroker> StartBrokerAsync()
    {
        var broker = new BuiltInBroker(Microsoft.Extensions.Options.Options.Create(new BuiltInBrokerOptions { BindAddress = "127.0.0.1", Port = FreePort.Next() }),
            App.Services.GetRequiredService<DeviceAuthenticator>(), _ingress, App.Services.GetRequiredService<DeviceCredentialChanges>(), NullLogger<BuiltInBroker>.Instance);
        await broker.StartAsync(TestContext.Current.CancellationToken);
        return broker;
    }

    private MqttClientOptions Options(JsonElement c, string? password = null) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", _broker!.Port)
        .WithClientId(c.GetProperty("clientId").GetString())
        .WithCredentials(c.GetProperty("username").GetString(), password ?? c.GetProperty("password").GetString())
        .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
        .Build();

    private async Task<ConnectedClient> ConnectAsync(JsonElement credentials)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(Options(credentials), TestContext.Current.CancellationToken);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return new ConnectedClient(client);
    }

    private static async Task<MqttClientPublishReasonCode> PublishAsync(ConnectedClient client, string topic)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes($"{{\"ts\":\"{DateTimeOffset.UtcNow:O}\",\"state\":\"running\"}}"))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        return (await client.Client.PublishAsync(message, TestContext.Current.CancellationToken)).ReasonCode;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_broker is not null) await _broker.DisposeAsync();
        await base.DisposeAsync();
    }
}
