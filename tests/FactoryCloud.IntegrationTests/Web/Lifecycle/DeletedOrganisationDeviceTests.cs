using System.Globalization;
using System.Net;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.Testing;
using MQTTnet;

namespace FactoryCloud.IntegrationTests.Web.Lifecycle;

/// <summary>
/// The built-in broker and an organisation scheduled for deletion (PostgreSQL, RLS): its connected device is disconnected
/// when it is deleted and refused when it reconnects; after a restore the same credentials connect again. Another
/// organisation's device stays connected throughout.
/// </summary>
public sealed class DeletedOrganisationDeviceTests(DatabaseServers servers) : IAsyncLifetime
{
    private readonly TempDirectory _inbox = TempDirectory.Create("fc-deletion-inbox");
    private readonly int _port = FreePort.Next();
    private FactoryCloudApp App { get; set; } = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        App = new FactoryCloudApp(await servers.SharedAsync(DatabaseProvider.Postgres), new Dictionary<string, string?>
        {
            ["Mqtt:Mode"] = "BuiltIn",
            ["Mqtt:BindAddress"] = "127.0.0.1",
            ["Mqtt:Port"] = _port.ToString(CultureInfo.InvariantCulture),
            ["Inbox:Path"] = Path.Combine(_inbox.Path, "inbox.db"),
        });
        _ = App.Server;
    }

    [Fact]
    public async Task ADeletedOrganisationsDevicesAreDisconnectedAndRefusedUntilItIsRestored()
    {
        var name = "Plant org " + Guid.NewGuid().ToString("N")[..8];
        var owner = await ApiSession.SignUpAsync(App, name);
        var credentials = await (await TestPlant.CreateAsync(owner)).IssueCredentialsAsync(owner);
        var other = await ApiSession.SignUpAsync(App);
        var otherCredentials = await (await TestPlant.CreateAsync(other)).IssueCredentialsAsync(other);

        using var device = new MqttClientFactory().CreateMqttClient();
        var disconnected = new TaskCompletionSource<MqttClientDisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        device.DisconnectedAsync += e =>
        {
            disconnected.TrySetResult(e.Reason);
            return Task.CompletedTask;
        };
        Assert.Equal(MqttClientConnectResultCode.Success, (await device.ConnectAsync(Options(credentials), Ct)).ResultCode);
        using var otherDevice = new MqttClientFactory().CreateMqttClient();
        Assert.Equal(MqttClientConnectResultCode.Success, (await otherDevice.ConnectAsync(Options(otherCredentials), Ct)).ResultCode);

        using (var deleted = await owner.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/organisation")
               { Content = System.Net.Http.Json.JsonContent.Create(new { name }) }, Ct))
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        // Disconnected by the broker (no sleep: the disconnect event, or the test's own timeout).
        Assert.Equal(MqttClientDisconnectReason.NotAuthorized, await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        using (var again = new MqttClientFactory().CreateMqttClient())
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await again.ConnectAsync(Options(credentials), Ct)).ResultCode);
        }
        Assert.True(otherDevice.IsConnected);
        await otherDevice.PingAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsync("/api/v1/organisation/restore", null, Ct)).StatusCode);
        using var restored = new MqttClientFactory().CreateMqttClient();
        Assert.Equal(MqttClientConnectResultCode.Success, (await restored.ConnectAsync(Options(credentials), Ct)).ResultCode);
    }

    private MqttClientOptions Options(JsonElement credentials) => new MqttClientOptionsBuilder()
        .WithTcpServer("127.0.0.1", _port)
        .WithClientId(credentials.GetProperty("clientId").GetString())
        .WithCredentials(credentials.GetProperty("username").GetString(), credentials.GetProperty("password").GetString())
        .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
        .Build();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        _inbox.Dispose();
    }
}
