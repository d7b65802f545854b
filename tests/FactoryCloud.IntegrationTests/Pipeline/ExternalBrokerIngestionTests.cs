using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Devices;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Mqtt;
using FactoryCloud.Infrastructure.Pipeline;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using FactoryCloud.Testing;
using MQTTnet;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FactoryCloud.IntegrationTests.Pipeline;

/// <summary>
/// <see cref="ExternalBrokerIngestion"/> against a real mosquitto with a stand-in ingress: when it acknowledges, what
/// comes back after a failure, and whom a message is attributed to.
/// </summary>
public sealed class ExternalBrokerIngestionTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private const string Password = "Test-password-1";

    /// <summary>Records every call; can fail or hold a message to see what the broker does with it.</summary>
    private sealed class ScriptedIngress : ITelemetryIngress
    {
        public ConcurrentQueue<(DeviceIdentity Device, string Topic, long? Seq)> Calls { get; } = new();
        public ConcurrentQueue<(DeviceIdentity Device, string Topic, RefusalReason Reason)> Refusals { get; } = new();
        public ConcurrentDictionary<long, byte> Accepted { get; } = new();
        public ConcurrentDictionary<long, int> FailFirstAttempts { get; } = new();
        public TaskCompletionSource? Hold { get; set; }

        public async Task<RefusalReason> AcceptAsync(DeviceIdentity device, TelemetryTopic topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            var seq = Seq(payload);
            Calls.Enqueue((device, topic.Format(), seq));
            if (Hold is { } hold) await hold.Task.WaitAsync(cancellationToken);
            if (seq is { } s && FailFirstAttempts.TryGetValue(s, out var left) && left > 0)
            {
                FailFirstAttempts[s] = left - 1;
                throw new TelemetryQueueException("The queue is down.");
            }
            if (seq is { } accepted) Accepted[accepted] = 0;
            return RefusalReason.None;
        }

        public void Refuse(DeviceIdentity device, string topic, RefusalReason reason, ReadOnlySpan<byte> payload) => Refusals.Enqueue((device, topic, reason));

        private static long? Seq(ReadOnlyMemory<byte> payload)
        {
            using var json = JsonDocument.Parse(payload);
            return json.RootElement.TryGetProperty("seq", out var seq) ? seq.GetInt64() : null;
        }
    }

    private readonly ScriptedIngress _ingress = new();

    [Fact]
    public async Task AMessageWhoseIngestionFailsIsNotAcknowledgedAndComesBackAfterReconnecting()
    {
        var (owner, broker) = await StartBrokerAsync();
        await using var _ = broker;
        _ingress.FailFirstAttempts[5] = 1;
        _ingress.FailFirstAttempts[12] = 2;
        var worker = await StartWorkerAsync(broker, "fc-ingestion-flaky");
        await using var publisher = await ReliablePublisher.ConnectAsync(broker.Host, broker.Port, "tester", "tester", Password, TestContext.Current.CancellationToken);

        for (var seq = 1; seq <= 20; seq++) await publisher.PublishAsync(Topic(owner.Slug, "press-1"), Count(seq), TestContext.Current.CancellationToken);
        await UntilAsync(() => _ingress.Accepted.Count == 20, "all 20 accepted");
        await worker.StopAsync(CancellationToken.None);

        Assert.Equal(2, _ingress.Calls.Count(c => c.Seq == 5));
        Assert.Equal(3, _ingress.Calls.Count(c => c.Seq == 12));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), _ingress.Accepted.Keys.Order());
    }

    [Fact]
    public async Task AMessageIsAcknowledgedOnlyAfterTheIngressReturned()
    {
        var (owner, broker) = await StartBrokerAsync();
        await using var _ = broker;
        _ingress.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = await StartWorkerAsync(broker, "fc-ingestion-held", drain: TimeSpan.FromMilliseconds(100));
        await using var publisher = await ReliablePublisher.ConnectAsync(broker.Host, broker.Port, "tester", "tester", Password, TestContext.Current.CancellationToken);

        await publisher.PublishAsync(Topic(owner.Slug, "press-1"), Count(1), TestContext.Current.CancellationToken);
        await UntilAsync(() => _ingress.Calls.Count == 1, "the message reached the ingress");
        await first.StopAsync(CancellationToken.None); // the ingress never returned: not acknowledged
        _ingress.Hold = null;

        var second = await StartWorkerAsync(broker, "fc-ingestion-held");
        await UntilAsync(() => _ingress.Accepted.ContainsKey(1), "the message was redelivered to the same session");
        await second.StopAsync(CancellationToken.None);
        Assert.Equal(2, _ingress.Calls.Count);
        Assert.Equal(1, second.Accepted);
    }

    [Fact]
    public async Task TheTenantComesFromTheTopicAndAnUnknownTenantIsAcknowledgedAndDropped()
    {
        var (owner, broker) = await StartBrokerAsync();
        await using var _ = broker;
        var worker = await StartWorkerAsync(broker, "fc-ingestion-tenants");
        await using var publisher = await ReliablePublisher.ConnectAsync(broker.Host, broker.Port, "tester", "tester", Password, TestContext.Current.CancellationToken);

        await publisher.PublishAsync(Topic("no-such-tenant-" + Guid.NewGuid().ToString("N")[..8], "press-1"), Count(1), TestContext.Current.CancellationToken);
        await publisher.PublishAsync($"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-1/temperature", Count(2), TestContext.Current.CancellationToken);
        await publisher.PublishAsync(Topic(owner.Slug, "press-7"), Count(3), TestContext.Current.CancellationToken);
        await UntilAsync(() => _ingress.Accepted.ContainsKey(3) && worker.UnknownTenant == 2 && !_ingress.Refusals.IsEmpty, "all three handled");
        await worker.StopAsync(CancellationToken.None);

        var (device, topic, _) = Assert.Single(_ingress.Calls);
        Assert.Equal(Topic(owner.Slug, "press-7"), topic);
        Assert.Equal(new DeviceIdentity(owner.TenantId, owner.Slug, Guid.Empty, ExternalBrokerIngestion.ExternalClientId,
            DeviceScope.ForMachine(owner.Slug, new MachinePath("plant-1", "assembly", "line-1", "press-7"))), device);
        var refusal = Assert.Single(_ingress.Refusals);
        Assert.Equal((owner.TenantId, RefusalReason.UnknownChannel), (refusal.Device.TenantId, refusal.Reason));

        // All three were acknowledged: the session holds nothing to redeliver.
        var again = await StartWorkerAsync(broker, "fc-ingestion-tenants");
        await publisher.PublishAsync(Topic(owner.Slug, "press-7"), Count(4), TestContext.Current.CancellationToken);
        await UntilAsync(() => _ingress.Accepted.ContainsKey(4), "the next message");
        await again.StopAsync(CancellationToken.None);
        Assert.Equal((1L, 0L, 1L), (again.UnknownTenant, again.Refused, again.Accepted)); // the probe, nothing redelivered, the new one
    }

    [Fact]
    public void WithoutAKnownDeviceTheMachineStandsInForItInTheDedupKey()
    {
        var now = DateTimeOffset.UtcNow;
        AcceptedTelemetry Message(Guid machine, Guid device, TelemetryChannel channel, string payload) =>
            new(Guid.NewGuid(), machine, device, "original", channel, now, payload, now);
        var ts = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var press1 = Guid.NewGuid();
        var press2 = Guid.NewGuid();

        var count = ExternalDedupKeySink.KeyFor(Message(press1, Guid.Empty, TelemetryChannel.Count, $$"""{"ts":"{{ts}}","seq":7,"good":1}"""));
        var state = ExternalDedupKeySink.KeyFor(Message(press1, Guid.Empty, TelemetryChannel.State, $$"""{"ts":"{{ts}}","seq":7,"state":"down"}"""));
        var other = ExternalDedupKeySink.KeyFor(Message(press2, Guid.Empty, TelemetryChannel.Count, $$"""{"ts":"{{ts}}","seq":7,"good":1}"""));
        var noSeq = ExternalDedupKeySink.KeyFor(Message(press1, Guid.Empty, TelemetryChannel.Count, $$"""{"ts":"{{ts}}","good":1}"""));

        Assert.Equal($"machine.{press1:N}:7", count);
        Assert.Equal(count, state); // seq counts per device, on all channels
        Assert.NotEqual(count, other);
        Assert.StartsWith("sha256:", noSeq, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKnownDevicesMessagePassesTheDedupSinkUnchanged()
    {
        var written = new List<AcceptedTelemetry>();
        var sink = new ExternalDedupKeySink(new ListSink(written));
        var now = DateTimeOffset.UtcNow;
        var message = new AcceptedTelemetry(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "device:1", TelemetryChannel.Count, now, "{}", now);

        await sink.WriteAsync(message, TestContext.Current.CancellationToken);

        Assert.Same(message, Assert.Single(written));
    }

    private sealed class ListSink(List<AcceptedTelemetry> written) : IAcceptedTelemetrySink
    {
        public Task WriteAsync(AcceptedTelemetry message, CancellationToken cancellationToken)
        {
            written.Add(message);
            return Task.CompletedTask;
        }
    }

    private async Task<(ApiSession Owner, MosquittoBroker Broker)> StartBrokerAsync()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            AllowAnonymous = false,
            Users = new Dictionary<string, string> { ["worker"] = Password, ["tester"] = Password },
            AclFileContent = "user worker\ntopic read fc/v1/#\n\nuser tester\ntopic readwrite fc/v1/#\n",
            Persistence = true,
        }, TestContext.Current.CancellationToken);
        return (owner, broker);
    }

    private async Task<ExternalBrokerIngestion> StartWorkerAsync(MosquittoBroker broker, string clientId, TimeSpan? drain = null)
    {
        var worker = new ExternalBrokerIngestion(
            Options.Create(new ExternalBrokerOptions
            {
                Host = broker.Host, Port = broker.Port, ClientId = clientId, Username = "worker", Password = Password,
                MinReconnectDelay = TimeSpan.FromMilliseconds(50), MaxReconnectDelay = TimeSpan.FromMilliseconds(400),
                DrainTimeout = drain ?? TimeSpan.FromSeconds(5),
            }),
            _ingress,
            new ExternalTenantDirectory(App.Database.Contexts, TimeProvider.System, NullLogger<ExternalTenantDirectory>.Instance),
            NullLogger<ExternalBrokerIngestion>.Instance);
        await worker.StartAsync(CancellationToken.None);
        // Subscribed (or resumed) once a probe for no tenant is routed to it: earlier probes found no subscriber and
        // were dropped, so exactly one probe counts as "unknown tenant".
        await using var probe = await ReliablePublisher.ConnectAsync(broker.Host, broker.Port, "probe-" + clientId, "tester", Password, TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await probe.PublishOnceAsync("fc/v1/probe-nobody/s/a/l/m/count", Encoding.UTF8.GetBytes("{}"), TestContext.Current.CancellationToken) != MqttClientPublishReasonCode.Success)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The worker did not subscribe.");
            await Task.Delay(50);
        }
        await UntilAsync(() => worker.UnknownTenant == 1, "the probe arrived");
        return worker;
    }

    private static string Topic(string slug, string machine) => $"fc/v1/{slug}/plant-1/assembly/line-1/{machine}/count";

    private static byte[] Count(int seq) =>
        Encoding.UTF8.GetBytes($$"""{"ts":"{{DateTimeOffset.UtcNow:yyyy-MM-dd'T'HH:mm:ss'Z'}}","seq":{{seq}},"good":1}""");

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }
}
