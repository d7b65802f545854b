using System.Collections.Concurrent;
using System.Net;
using System.Text;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using FactoryCloud.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace FactoryCloud.IntegrationTests.Web.Plants;

/// <summary>The exported password and ACL files run a real mosquitto: devices get in with the web's credentials, inside their scope only.</summary>
public sealed class MosquittoExportTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    [Fact]
    public async Task AnExportedDevicePublishesThroughMosquittoOnlyInsideItsScope()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var credentials = await plant.IssueCredentialsAsync(owner);
        var passwd = await owner.Client.GetStringAsync("/api/v1/devices/mosquitto/passwd");
        var acl = await owner.Client.GetStringAsync("/api/v1/devices/mosquitto/acl");

        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            AllowAnonymous = false,
            PasswordFileContent = passwd,
            Users = new Dictionary<string, string> { ["worker"] = "worker-password-1" },
            AclFileContent = acl + "user worker\ntopic read fc/v1/#\n",
        }, TestContext.Current.CancellationToken);

        var received = new ConcurrentQueue<string>();
        using var worker = new MqttClientFactory().CreateMqttClient();
        worker.ApplicationMessageReceivedAsync += e => { received.Enqueue(e.ApplicationMessage.Topic); return Task.CompletedTask; };
        await worker.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("worker").WithCredentials("worker", "worker-password-1").Build(), TestContext.Current.CancellationToken);
        await worker.SubscribeAsync("fc/v1/#", MqttQualityOfServiceLevel.AtLeastOnce, TestContext.Current.CancellationToken);

        using var device = new MqttClientFactory().CreateMqttClient();
        var connected = await device.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port)
            .WithClientId(credentials.GetProperty("clientId").GetString())
            .WithCredentials(credentials.GetProperty("username").GetString(), credentials.GetProperty("password").GetString()).Build(), TestContext.Current.CancellationToken);
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);

        var inside = $"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-1/state";
        var outside = $"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-2/state";
        foreach (var topic in new[] { outside, inside })
            await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes("{}"))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), TestContext.Current.CancellationToken);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (received.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(50, TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal([inside], received.ToArray());
    }

    [Fact]
    public async Task AViewerCannotExportCredentials()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var viewer = await owner.AddMemberAsync(App, "Viewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.GetAsync("/api/v1/devices/mosquitto/passwd")).StatusCode);
    }

    [Fact]
    public async Task TheExportHoldsOnlyTheCallersTenantAndNoRevokedDevices()
    {
        var a = await ApiSession.SignUpAsync(App);
        var b = await ApiSession.SignUpAsync(App);
        var plantA = await TestPlant.CreateAsync(a);
        var plantB = await TestPlant.CreateAsync(b);
        var kept = await plantA.IssueCredentialsAsync(a);
        var revoked = await plantA.IssueCredentialsAsync(a);
        var other = await plantB.IssueCredentialsAsync(b);
        (await a.Client.DeleteAsync($"/api/v1/devices/{revoked.GetProperty("deviceId").GetGuid()}")).EnsureSuccessStatusCode();

        var passwd = await a.Client.GetStringAsync("/api/v1/devices/mosquitto/passwd");

        Assert.Contains(kept.GetProperty("username").GetString()!, passwd, StringComparison.Ordinal);
        Assert.DoesNotContain(revoked.GetProperty("username").GetString()!, passwd, StringComparison.Ordinal);
        Assert.DoesNotContain(other.GetProperty("username").GetString()!, passwd, StringComparison.Ordinal);
    }
}
