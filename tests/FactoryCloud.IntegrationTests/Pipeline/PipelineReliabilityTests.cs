using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using FactoryCloud.Testing;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.IntegrationTests.Pipeline;

/// <summary>One RabbitMQ node (AMQP 1.0) for the pipeline tests; each test uses a queue of its own.</summary>
public sealed class PipelineRabbitMq : IAsyncLifetime
{
    public RabbitMqBroker Broker { get; private set; } = default!;

    public async ValueTask InitializeAsync() => Broker = await RabbitMqBroker.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Broker is not null) await Broker.DisposeAsync();
    }
}

/// <summary>
/// The product's acceptance test for ingestion: devices publish through mosquitto, the ingestion worker and the
/// processor run as separate processes and are killed (SIGKILL) and restarted while messages flow, and still every
/// message ends up in PostgreSQL exactly once: through RabbitMQ (the generic AMQP 1.0 transport) and through the
/// Azure Service Bus SDK against the local Service Bus host.
/// </summary>
public sealed class PipelineReliabilityTests(DatabaseServers servers, PipelineRabbitMq rabbit) : TenancyApiTestBase(servers), IClassFixture<PipelineRabbitMq>
{
    private const int Machines = 20;
    private const int Messages = 10_000;
    private const double MessagesPerSecond = 500;

    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddMinutes(-30);

    [Theory]
    [InlineData("Amqp")]
    [InlineData("ServiceBus")]
    public async Task EveryMessageIsStoredExactlyOnceWhileTheWorkerAndTheProcessorAreKilled(string queueKind)
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();
        var queue = queueKind == "ServiceBus" ? PipelineQueue.ServiceBus() : PipelineQueue.RabbitMq(rabbit.Broker);
        await using var pipeline = await ExternalPipeline.StartAsync(App, queue, Machines, ct);
        Log($"queue: {queue}");
        await using var device = await pipeline.ConnectDeviceAsync(ct);
        Log($"pipeline up after {clock.Elapsed.TotalSeconds:F1} s");

        // One gateway for the line, one seq counter over all its machines, paced so that the kills land mid-stream.
        var published = 0;
        var publishing = Task.Run(async () =>
        {
            using var slots = new SemaphoreSlim(200);
            var pending = new List<Task>(Messages);
            var pace = Stopwatch.StartNew();
            for (var seq = 1; seq <= Messages; seq++)
            {
                var due = TimeSpan.FromSeconds(seq / MessagesPerSecond);
                if (due - pace.Elapsed > TimeSpan.FromMilliseconds(5)) await Task.Delay(due - pace.Elapsed, ct);
                await slots.WaitAsync(ct);
                var (topic, payload) = CountMessage(pipeline, seq);
                pending.Add(PublishAndReleaseAsync(topic, payload));
            }
            await Task.WhenAll(pending);

            async Task PublishAndReleaseAsync(string topic, byte[] payload)
            {
                try
                {
                    await device.PublishAsync(topic, payload, ct);
                    Interlocked.Increment(ref published);
                }
                finally
                {
                    slots.Release();
                }
            }
        }, ct);

        // Each kill lands while messages demonstrably flow through the victim: the stored count is rising.
        var stored = await StoredGrowsAsync(0, 1);
        await KillAndRestartAsync(pipeline.Worker);
        stored = await StoredGrowsAsync(stored, 1_000);
        await KillAndRestartAsync(pipeline.Processor);
        stored = await StoredGrowsAsync(stored, 500);
        await KillAndRestartAsync(pipeline.Worker);
        await publishing;
        Log($"published {Messages} after {clock.Elapsed.TotalSeconds:F1} s ({device.Retries} retries)");

        stored = await WaitForEventsAsync(pipeline, Messages, TimeSpan.FromSeconds(45));
        Log($"{stored} stored after {clock.Elapsed.TotalSeconds:F1} s");
        await Task.Delay(1000, ct); // anything still on its way would show up as a duplicate now

        var events = await pipeline.EventsAsync(App);
        var diagnostics = await pipeline.DiagnosticsAsync();
        Assert.True(events.Count == Messages, $"{events.Count} events stored for {Messages} published.{diagnostics}");
        var seqs = events.Select(e => Field(e.Payload, "seq")).ToList();
        Assert.Equal(Enumerable.Range(1, Messages).Select(i => (long)i), seqs.Order());
        Assert.Equal(Enumerable.Range(1, Messages).Sum(s => (long)Good(s)), events.Sum(e => Field(e.Payload, "good")));
        Assert.All(events, e => Assert.Equal(pipeline.Machines[MachineOf((int)Field(e.Payload, "seq"))], e.MachineId));
        // The processor's per-machine buckets add up to the same, at every size (minute, hour, day, week).
        await using (var db = App.Database.Contexts.Create(DataScope.ForTenant(pipeline.Owner.TenantId)))
        {
            var buckets = await db.MachineBuckets.GroupBy(b => b.Size)
                .Select(g => new { Size = g.Key, Good = g.Sum(b => b.GoodCount), Messages = g.Sum(b => b.MessageCount) }).ToListAsync(ct);
            Assert.Equal(BucketSizes.All.Count, buckets.Count);
            Assert.All(buckets, b => Assert.Equal((Enumerable.Range(1, Messages).Sum(s => (long)Good(s)), (long)Messages), (b.Good, b.Messages)));
        }
        Assert.Equal(3, pipeline.Worker.Starts);
        Assert.Equal(2, pipeline.Processor.Starts);
        // The processor consumed through the transport the test asked for (the Amqp receiver logs "Receiving from queue").
        Assert.Contains(queueKind == "ServiceBus" ? "Receiving sessions of queue" : "Receiving from queue", pipeline.Processor.ReadLog(), StringComparison.Ordinal);

        async Task<int> StoredGrowsAsync(int from, int by)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (true)
            {
                var now = await pipeline.EventCountAsync(App);
                if (now >= Math.Min(from + by, Messages)) return now;
                if (DateTime.UtcNow > deadline) Assert.Fail($"Stored events stuck at {now} (waiting for {from} + {by}); {Volatile.Read(ref published)} published, {device.Retries} resends, device connected: {device.IsConnected}.{await pipeline.DiagnosticsAsync()}");
                await Task.Delay(20, ct);
            }
        }

        async Task KillAndRestartAsync(IngestionProcess process)
        {
            process.Kill();
            Log($"killed {process.Name} at {Volatile.Read(ref published)} published, {await pipeline.EventCountAsync(App)} stored ({clock.Elapsed.TotalSeconds:F1} s)");
            await Task.Delay(1000, ct);
            await process.StartAsync();
        }
    }

    [Fact]
    public async Task MalformedMessagesAreRefusedWithTheirReasonWhileValidOnesAroundThemAreStored()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var pipeline = await ExternalPipeline.StartAsync(App, PipelineQueue.RabbitMq(rabbit.Broker), machineCount: 2, ct);
        await using var device = await pipeline.ConnectDeviceAsync(ct);
        var count = pipeline.TopicOf("press-1", "count");
        var now = DateTimeOffset.UtcNow;
        string Ts(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        string Valid(int seq) => $$"""{"ts":"{{Ts(now)}}","seq":{{seq}},"good":1}""";

        (string Topic, byte[] Payload, RefusalReason Expected)[] malformed =
        [
            (count, Encoding.UTF8.GetBytes("{\"ts\": \"" + Ts(now) + "\", \"good\": 1"), RefusalReason.InvalidJson),
            (count, Encoding.UTF8.GetBytes("[1, 2]"), RefusalReason.NotAnObject),
            (count, Encoding.UTF8.GetBytes($$"""{"ts":"{{Ts(now)}}","seq":100,"good":"12"}"""), RefusalReason.WrongType),
            (count, Encoding.UTF8.GetBytes($$"""{"ts":"{{Ts(now.AddDays(-8))}}","seq":101,"good":1}"""), RefusalReason.TimestampTooOld),
            (count, Encoding.UTF8.GetBytes($$"""{"ts":"{{Ts(now)}}","seq":102,"good":-1}"""), RefusalReason.InvalidCount),
            (count, [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], RefusalReason.InvalidUtf8),
            (count, Encoding.UTF8.GetBytes($$"""{"ts":"{{Ts(now)}}","seq":103,"good":1,"pad":"{{new string('x', 8200)}}"}"""), RefusalReason.PayloadTooLarge),
            (pipeline.TopicOf("press-1", "state"), Encoding.UTF8.GetBytes($$"""{"ts":"{{Ts(now)}}","seq":104,"state":"exploded"}"""), RefusalReason.UnknownState),
            (pipeline.TopicOf("ghost", "count"), Encoding.UTF8.GetBytes(Valid(105)), RefusalReason.UnknownMachine),
            (pipeline.TopicOf("press-1", "temperature"), Encoding.UTF8.GetBytes(Valid(106)), RefusalReason.UnknownChannel),
        ];

        // A valid message before and after every malformed one, in one stream, in order.
        var seq = 0;
        await device.PublishAsync(count, Encoding.UTF8.GetBytes(Valid(++seq)), ct);
        foreach (var (topic, payload, _) in malformed)
        {
            await device.PublishAsync(topic, payload, ct);
            await device.PublishAsync(pipeline.TopicOf(seq % 2 == 0 ? "press-1" : "press-2", "count"), Encoding.UTF8.GetBytes(Valid(++seq)), ct);
        }

        var stored = await WaitForEventsAsync(pipeline, seq, TimeSpan.FromSeconds(30));
        var refusals = await WaitForRefusalsAsync(pipeline, malformed.Length, TimeSpan.FromSeconds(15));
        var diagnostics = await pipeline.DiagnosticsAsync();

        Assert.True(stored == seq, $"{stored} of {seq} valid messages stored.{diagnostics}");
        Assert.Equal(Enumerable.Range(1, seq).Select(i => (long)i), (await pipeline.EventsAsync(App)).Select(e => Field(e.Payload, "seq")).Order());
        Assert.Equal(malformed.Select(m => (m.Topic, m.Expected)).OrderBy(m => m.Expected), refusals.Select(r => (r.Topic, r.Reason)).OrderBy(r => r.Reason));
        Assert.All(refusals, r => Assert.Equal(Guid.Empty, r.DeviceId));
        Assert.True(pipeline.Worker.IsRunning, $"the worker stopped.{diagnostics}");
        var log = pipeline.Worker.ReadLog();
        Assert.DoesNotContain("Ingesting a message failed", log, StringComparison.Ordinal);
        Assert.Single(log.Split('\n'), l => l.Contains("Ingesting from", StringComparison.Ordinal));
    }

    private static (string Topic, byte[] Payload) CountMessage(ExternalPipeline pipeline, int seq)
    {
        var ts = Start.AddMilliseconds(seq).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var payload = $$"""{"ts":"{{ts}}","seq":{{seq}},"good":{{Good(seq)}},"scrap":0,"product":"sku-1"}""";
        return (pipeline.TopicOf(MachineOf(seq), "count"), Encoding.UTF8.GetBytes(payload));
    }

    private static string MachineOf(int seq) => "press-" + (seq % Machines + 1).ToString(CultureInfo.InvariantCulture);

    private static int Good(int seq) => seq % 5 + 1;

    private static long Field(string payload, string name)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.GetProperty(name).GetInt64();
    }

    /// <summary>Polls until <paramref name="expected"/> events are stored (or the time is up); returns the last count.</summary>
    private async Task<int> WaitForEventsAsync(ExternalPipeline pipeline, int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var stored = await pipeline.EventCountAsync(App);
            if (stored >= expected || DateTime.UtcNow > deadline) return stored;
            await Task.Delay(250);
        }
    }

    private async Task<List<(string Topic, RefusalReason Reason, Guid DeviceId)>> WaitForRefusalsAsync(ExternalPipeline pipeline, int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var db = App.Database.Contexts.Create(DataScope.ForTenant(pipeline.Owner.TenantId));
            var refusals = await db.IngestionRefusals.Select(r => new { r.Topic, r.Reason, r.DeviceId }).ToListAsync();
            if (refusals.Count >= expected || DateTime.UtcNow > deadline) return refusals.ConvertAll(r => (r.Topic, r.Reason, r.DeviceId));
            await Task.Delay(250);
        }
    }

    private static void Log(string message) => TestContext.Current.TestOutputHelper?.WriteLine(message);
}
