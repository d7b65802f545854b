using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Pipeline.Inbox;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace FactoryCloud.IntegrationTests.Web.Kpis;

/// <summary>
/// From an MQTT message to a number in the KPI API: a device publishes with credentials issued through the API to the
/// built-in broker of the app (validation, the durable inbox, its processor storing into PostgreSQL, buckets).
/// </summary>
public sealed class MqttToKpiApiTests(DatabaseServers servers) : IAsyncLifetime
{
    private readonly TempDirectory _inbox = TempDirectory.Create("fc-inbox");
    private readonly int _port = FreePort.Next();
    private FactoryCloudApp App { get; set; } = default!;

    public async ValueTask InitializeAsync()
    {
        App = new FactoryCloudApp(await servers.SharedAsync(DatabaseProvider.Postgres), new Dictionary<string, string?>
        {
            ["Mqtt:Mode"] = "BuiltIn",
            ["Mqtt:BindAddress"] = "127.0.0.1",
            ["Mqtt:Port"] = _port.ToString(CultureInfo.InvariantCulture),
            ["Inbox:Path"] = Path.Combine(_inbox.Path, "inbox.db"),
        });
        _ = App.Server; // starts the host: the broker and the inbox's processor
    }

    [Fact]
    public async Task StateAndCountMessagesPublishedOverMqttShowUpInTheMachinesKpis()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var credentials = await plant.IssueCredentialsAsync(owner);

        using var client = new MqttClientFactory().CreateMqttClient();
        var connected = await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _port)
            .WithClientId(credentials.GetProperty("clientId").GetString())
            .WithCredentials(credentials.GetProperty("username").GetString(), credentials.GetProperty("password").GetString())
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build(), TestContext.Current.CancellationToken);
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);

        var topic = $"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-1";
        var now = DateTimeOffset.UtcNow;
        var (runningAt, downAt) = (now.AddMinutes(-7), now.AddMinutes(-3)); // down for longer than the 2-minute small-stop threshold
        await PublishAsync(client, $"{topic}/state", $"{{\"ts\":\"{Ts(runningAt)}\",\"seq\":1,\"state\":\"running\"}}");
        await PublishAsync(client, $"{topic}/count", $"{{\"ts\":\"{Ts(now.AddMinutes(-5))}\",\"seq\":2,\"good\":100,\"scrap\":5}}");
        await PublishAsync(client, $"{topic}/state", $"{{\"ts\":\"{Ts(downAt)}\",\"seq\":3,\"state\":\"down\",\"reason\":\"jam\"}}");

        // Acknowledged means durable in the inbox; the processor stores behind it.
        await App.Services.GetRequiredService<TelemetryInbox>().WaitUntilProcessedAsync(TestContext.Current.CancellationToken);
        var response = await owner.Client.GetAsync(
            $"/api/v1/machines/{plant.Machine}/kpis?from={Uri.EscapeDataString(Ts(now.AddMinutes(-8)))}&to={Uri.EscapeDataString(Ts(now.AddMinutes(1)))}",
            TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var kpis = JsonDocument.Parse(body).RootElement;

        Assert.Equal(100, kpis.GetProperty("goodCount").GetInt64());
        Assert.Equal(5, kpis.GetProperty("scrapCount").GetInt64());
        Assert.Equal(100.0 / 105, kpis.GetProperty("quality").GetDouble(), 1e-9);
        Assert.Equal((downAt - runningAt).TotalSeconds, kpis.GetProperty("runSeconds").GetDouble(), 0.001);
        Assert.InRange(kpis.GetProperty("downSeconds").GetDouble(), 179, 300); // the open tail since the down message, up to now
        Assert.Equal(1, kpis.GetProperty("breakdownEpisodes").GetInt64());
    }

    private static string Ts(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static async Task PublishAsync(IMqttClient client, string topic, string payload)
    {
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            TestContext.Current.CancellationToken);
        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        _inbox.Dispose();
    }
}
