using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Pipeline.Inbox;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.Testing;
using MQTTnet;
using MQTTnet.Protocol;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Ingestion;

/// <summary>
/// The ingestion health API shows what waits in the inbox: devices publish to the app's built-in broker while the
/// store is held (the database is slow), so their acknowledged messages wait; each tenant sees its own count only.
/// </summary>
public sealed class IngestionHealthLagTests(DatabaseServers servers) : IAsyncLifetime
{
    private readonly TempDirectory _inbox = TempDirectory.Create("fc-inbox");
    private readonly int _port = FreePort.Next();
    private readonly HeldStore _store = new();
    private FactoryCloudApp App { get; set; } = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        App = new FactoryCloudApp(await servers.SharedAsync(DatabaseProvider.Sqlite), new Dictionary<string, string?>
        {
            ["Mqtt:Mode"] = "BuiltIn",
            ["Mqtt:BindAddress"] = "127.0.0.1",
            ["Mqtt:Port"] = _port.ToString(CultureInfo.InvariantCulture),
            ["Inbox:Path"] = Path.Combine(_inbox.Path, "inbox.db"),
        }, builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TelemetryStore>();
            services.AddSingleton<ITelemetryStore>(sp => _store.Holding(sp.GetRequiredService<TelemetryStore>()));
        }));
        _ = App.Server; // starts the host: the broker and the inbox's processor
    }

    [Fact]
    public async Task The_health_api_shows_each_tenant_its_own_messages_waiting_in_the_inbox_until_they_are_stored()
    {
        var a = await ApiSession.SignUpAsync(App);
        var b = await ApiSession.SignUpAsync(App);
        using (var deviceA = await ConnectAsync(a))
            for (var seq = 1; seq <= 5; seq++) await PublishCountAsync(deviceA, a, seq);
        using (var deviceB = await ConnectAsync(b))
            for (var seq = 1; seq <= 2; seq++) await PublishCountAsync(deviceB, b, seq);
        await _store.Entered.WaitAsync(TimeSpan.FromMinutes(1), Ct); // the processor took a batch and is held

        var lagA = await LagAsync(a);
        var lagB = await LagAsync(b);
        Assert.Equal(5, lagA.GetProperty("waitingMessages").GetInt64());
        Assert.Equal(2, lagB.GetProperty("waitingMessages").GetInt64());
        Assert.True(TimeSpan.Parse(lagA.GetProperty("oldestWait").GetString()!, CultureInfo.InvariantCulture) > TimeSpan.Zero);
        var c = await ApiSession.SignUpAsync(App);
        var lagC = await LagAsync(c);
        Assert.Equal(0, lagC.GetProperty("waitingMessages").GetInt64());
        // Nothing of its own waits, so it is not shown the others' wait either.
        Assert.Equal(TimeSpan.Zero, TimeSpan.Parse(lagC.GetProperty("oldestWait").GetString()!, CultureInfo.InvariantCulture));

        _store.Release();
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            deadline.CancelAfter(TimeSpan.FromMinutes(2));
            await App.Services.GetRequiredService<TelemetryInbox>().WaitUntilProcessedAsync(deadline.Token);
        }
        Assert.Equal(0, (await LagAsync(a)).GetProperty("waitingMessages").GetInt64());
        Assert.Equal(0, (await LagAsync(b)).GetProperty("waitingMessages").GetInt64());
        var health = await a.Client.GetFromJsonAsync<JsonElement>("/api/v1/ingestion/health", Ct);
        Assert.Equal(5, health.GetProperty("acceptedCount").GetInt64());
    }

    private static async Task<JsonElement> LagAsync(ApiSession session) =>
        (await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/ingestion/health", Ct)).GetProperty("lag");

    private async Task<IMqttClient> ConnectAsync(ApiSession owner)
    {
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var credentials = await plant.IssueCredentialsAsync(owner);
        var client = new MqttClientFactory().CreateMqttClient();
        var connected = await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _port)
            .WithClientId(credentials.GetProperty("clientId").GetString())
            .WithCredentials(credentials.GetProperty("username").GetString(), credentials.GetProperty("password").GetString())
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build(), Ct);
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
        return client;
    }

    private static async Task PublishCountAsync(IMqttClient client, ApiSession owner, int seq)
    {
        var ts = DateTimeOffset.UtcNow.AddMinutes(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-1/count")
            .WithPayload(Encoding.UTF8.GetBytes($"{{\"ts\":\"{ts}\",\"seq\":{seq},\"good\":1,\"scrap\":0}}"))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), Ct);
        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
    }

    public async ValueTask DisposeAsync()
    {
        _store.Release();
        await App.DisposeAsync();
        _inbox.Dispose();
    }

    /// <summary>The real store behind a gate: the processor's first call waits until the test releases it.</summary>
    private sealed class HeldStore : ITelemetryStore
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private ITelemetryStore? _inner;

        public Task Entered => _entered.Task;

        public HeldStore Holding(ITelemetryStore inner)
        {
            _inner = inner;
            return this;
        }

        public void Release() => _released.TrySetResult();

        public async Task<TelemetryStoreResult> StoreAsync(IReadOnlyList<AcceptedTelemetry> batch, CancellationToken ct)
        {
            _entered.TrySetResult();
            await _released.Task.WaitAsync(ct);
            return await _inner!.StoreAsync(batch, ct);
        }
    }
}
