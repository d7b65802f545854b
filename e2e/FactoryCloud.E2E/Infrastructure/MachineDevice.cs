using System.Globalization;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace FactoryCloud.E2E.Infrastructure;

/// <summary>A machine's device on the app's built-in broker, publishing with the credentials the app issued.</summary>
public sealed class MachineDevice : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly string _prefix;
    private int _seq;

    private MachineDevice(IMqttClient client, string prefix, int lastSeq) => (_client, _prefix, _seq) = (client, prefix, lastSeq);

    /// <summary>The seq of the last message published; a device that reconnects continues after it (seq is the dedup key).</summary>
    public int LastSeq => _seq;

    public static async Task<MachineDevice> ConnectAsync(int port, JsonElement credentials, int lastSeq = 0)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(credentials.GetProperty("clientId").GetString())
            .WithCredentials(credentials.GetProperty("username").GetString(), credentials.GetProperty("password").GetString())
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build());
        // fc/v1/{org}/{site}/{area}/{line}/{machine}/+ : the channel goes where the wildcard is.
        return new MachineDevice(client, credentials.GetProperty("topicPrefix").GetString()![..^1], lastSeq);
    }

    public Task PublishStateAsync(DateTime at, string state, string? reason = null) =>
        PublishAsync("state", $"{{\"ts\":\"{Ts(at)}\",\"seq\":{++_seq},\"state\":\"{state}\"{(reason is null ? "" : $",\"reason\":\"{reason}\"")}}}");

    public Task PublishCountAsync(DateTime at, int good, int scrap) =>
        PublishAsync("count", $"{{\"ts\":\"{Ts(at)}\",\"seq\":{++_seq},\"good\":{good},\"scrap\":{scrap}}}");

    private async Task PublishAsync(string channel, string payload)
    {
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(_prefix + channel)
            .WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
    }

    private static string Ts(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
