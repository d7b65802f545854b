using System.Diagnostics;
using FactoryCloud.Testing;
using MQTTnet;
using MQTTnet.Server;

namespace FactoryCloud.Benchmarks.Ingestion;

/// <summary>
/// Issue #12's benchmark: the same outside publishers (<c>mosquitto_pub -l</c>, QoS 1) against raw mosquitto and
/// against the product as people run it (the web app process on its embedded defaults), measured from the first
/// publish until the KPI API counts every message; plus one gateway connection publishing for 50 machines and 200
/// device connections (our own MQTTnet publisher, 100 in flight each).
/// </summary>
internal static class OutsidePublishersBenchmark
{
    public const int Publishers = 4;
    private const int Machines = 200;
    private const int GatewayMachines = 50;
    private const int WarmUpPerPublisher = 5_000;

    public sealed record Figures(double RawMosquitto, Phase FourPublishers, Phase Gateway, Phase Devices, long PeakWorkingSetMiB);

    /// <param name="AckRate">Messages per second until the last PUBACK.</param>
    /// <param name="EndToEndRate">Messages per second until the KPI API counted the last one.</param>
    public sealed record Phase(int Messages, double AckRate, double EndToEndRate, double CpuSecondsPerThousand);

    public static async Task<double> RawMosquittoAsync(int messages)
    {
        using var directory = TempDirectory.Create("fc-bench-raw");
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions { AdditionalConfigLines = ["max_queued_messages 0"] });
        var perPublisher = messages / Publishers;
        var now = DateTimeOffset.UtcNow;
        var publishers = Enumerable.Range(0, Publishers)
            .Select(i => new MosquittoPub($"bench/m-{i}/count", MosquittoPub.WritePayloads(directory.Path, $"raw-{i}", perPublisher, 1, now.AddMinutes(-10))))
            .ToList();
        // One QoS 1 subscriber, also a client we did not write: mosquitto_sub, which exits once it has every message.
        using var subscriber = MosquittoSub.Start(broker.Host, broker.Port, "bench/#", perPublisher * Publishers);
        await subscriber.Subscribed.WaitAsync(TimeSpan.FromSeconds(30));
        var stopwatch = Stopwatch.StartNew();
        await MosquittoPub.RunAllAsync(broker.Host, broker.Port, publishers, TimeSpan.FromMinutes(5));
        await subscriber.AllReceivedAsync(TimeSpan.FromMinutes(5));
        return perPublisher * Publishers / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The ceiling of the built-in broker's library: an MQTTnet server (as the product configures it) that acknowledges
    /// every publish at once and stores nothing, with the same outside publishers.
    /// </summary>
    public static async Task<double> MqttNetAloneAsync(int messages)
    {
        using var directory = TempDirectory.Create("fc-bench-mqttnet");
        var port = FreePort.Next();
        using var server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(System.Net.IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
        server.InterceptingPublishAsync += e =>
        {
            e.ProcessPublish = false;
            return Task.CompletedTask;
        };
        await server.StartAsync();
        var perPublisher = messages / Publishers;
        var publishers = Enumerable.Range(0, Publishers)
            .Select(i => new MosquittoPub($"bench/m-{i}/count", MosquittoPub.WritePayloads(directory.Path, $"alone-{i}", perPublisher, 1, DateTimeOffset.UtcNow)))
            .ToList();
        var elapsed = await MosquittoPub.RunAllAsync("127.0.0.1", port, publishers, TimeSpan.FromMinutes(5));
        await server.StopAsync();
        return perPublisher * Publishers / elapsed.TotalSeconds;
    }

    public static async Task<Figures> EmbeddedAsync(int messages, double raw, TimeSpan burst, double? steadyRate = null)
    {
        using var directory = TempDirectory.Create("fc-bench-embedded");
        await using var app = await WebAppProcess.StartAsync(directory.Path);
        var plant = await BenchmarkPlant.OnboardAsync(app.BaseAddress, Machines);
        var devices = new List<DeviceCredentials>(Machines);
        for (var m = 0; m < Machines; m++) devices.Add(await plant.IssueForMachineAsync(m));
        var gateway = await plant.IssueForLineAsync();
        var window = (From: DateTimeOffset.UtcNow.AddHours(-1), To: DateTimeOffset.UtcNow.AddHours(1));
        var counted = 0L;

        // Warm-up, not measured: rounds of the 4 publishers and of the gateway until a round of the publishers costs the
        // app no more CPU per message than the round before (within 10 %, at most 8 rounds). The runtime compiles hot
        // methods again, optimized, in the background (tiered compilation) while traffic runs; with a single short round
        // the first measured phase paid for that (a third of the app's CPU in it, by perf), not for ingesting.
        var warmUpStarted = Stopwatch.StartNew();
        double? previous = null;
        for (var round = 0; round < 8; round++)
        {
            var cpu = app.CpuSeconds;
            var warmUp = Enumerable.Range(0, Publishers)
                .Select(i => new MosquittoPub(plant.Topic(i), MosquittoPub.WritePayloads(directory.Path, $"warm-{i}", WarmUpPerPublisher, 10_000_000 + (round * 100_000), DateTimeOffset.UtcNow.AddMinutes(-20)), devices[i]))
                .ToList();
            await MosquittoPub.RunAllAsync("127.0.0.1", app.MqttPort, warmUp, TimeSpan.FromMinutes(5));
            counted += WarmUpPerPublisher * Publishers;
            await plant.WaitForGoodCountAsync(counted, window.From, window.To, TimeSpan.FromMinutes(5));
            var perThousand = (app.CpuSeconds - cpu) * 1000 / (WarmUpPerPublisher * Publishers);
            using (var client = await ConnectAsync(app.MqttPort, gateway))
            {
                var now = DateTimeOffset.UtcNow.AddMinutes(-20);
                await Publisher.PublishAsync(client, Enumerable.Range(0, WarmUpPerPublisher)
                    .Select(i => (plant.Topic(i % GatewayMachines), Publisher.CountPayload(20_000_000 + (round * 100_000) + i, now.AddMilliseconds(i)))));
            }
            counted += WarmUpPerPublisher;
            await plant.WaitForGoodCountAsync(counted, window.From, window.To, TimeSpan.FromMinutes(5));
            if (previous is { } p && perThousand > p * 0.9) break;
            previous = perThousand;
        }
        Console.WriteLine($"  warm-up: {warmUpStarted.Elapsed.TotalSeconds:N0} s, last round app CPU {previous * 1000:N0} ms per 1,000 (before that round)");

        Console.WriteLine($"  {Publishers} mosquitto_pub publishers, one machine each, {messages:N0} messages ...");
        var perPublisher = messages / Publishers;
        var publishers = Enumerable.Range(0, Publishers)
            .Select(i => new MosquittoPub(plant.Topic(i), MosquittoPub.WritePayloads(directory.Path, $"pub-{i}", perPublisher, 100_000, DateTimeOffset.UtcNow.AddMinutes(-15)), devices[i]))
            .ToList();
        var four = await MeasureAsync(app, plant, perPublisher * Publishers, counted, window,
            () => MosquittoPub.RunAllAsync("127.0.0.1", app.MqttPort, publishers, TimeSpan.FromMinutes(10)));
        counted += four.Messages;
        Report("4 x mosquitto_pub", four, raw);

        Console.WriteLine($"  one gateway connection for {GatewayMachines} machines, {messages:N0} messages ...");
        var gatewayPhase = await MeasureAsync(app, plant, messages, counted, window, async () =>
        {
            using var client = await ConnectAsync(app.MqttPort, gateway);
            var now = DateTimeOffset.UtcNow.AddMinutes(-10);
            var stopwatch = Stopwatch.StartNew();
            await Publisher.PublishAsync(client, Enumerable.Range(0, messages)
                .Select(i => (plant.Topic(i % GatewayMachines), Publisher.CountPayload(1_000_000 + i, now.AddMilliseconds(i)))));
            return stopwatch.Elapsed;
        });
        counted += gatewayPhase.Messages;
        Report("1 gateway connection", gatewayPhase, raw);

        Console.WriteLine($"  {Machines} device connections, {messages:N0} messages ...");
        var clients = new List<IMqttClient>();
        for (var m = 0; m < Machines; m++) clients.Add(await ConnectAsync(app.MqttPort, devices[m]));
        var perDevice = messages / Machines;
        var devicesPhase = await MeasureAsync(app, plant, perDevice * Machines, counted, window, async () =>
        {
            var now = DateTimeOffset.UtcNow.AddMinutes(-5);
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(clients.Select((client, m) => Publisher.PublishAsync(client, Enumerable.Range(0, perDevice)
                .Select(i => (plant.Topic(m), Publisher.CountPayload(2_000_000 + i, now.AddMilliseconds(i)))))));
            return stopwatch.Elapsed;
        });
        foreach (var client in clients) client.Dispose();
        counted += devicesPhase.Messages;
        Report($"{Machines} device connections", devicesPhase, raw);

        if (burst > TimeSpan.Zero)
        {
            // The steady rate, unless given: a fifth of the 200 connections' end-to-end rate just measured. A one-machine
            // install runs at that rating so that three times its load (60 % of the peak, held for minutes while the
            // database grows by millions of rows) still leaves the processor room to drain the backlog in time.
            var steady = steadyRate ?? devicesPhase.EndToEndRate / 5;
            Console.WriteLine($"  3x burst for {burst.TotalMinutes:N0} min: steady {steady:N0} msg/s for a minute, {3 * steady:N0} msg/s offered over {Machines} connections, then steady until drained ...");
            var r = await BurstBenchmark.RunAsync(app, plant, devices, counted, window, steady, burst);
            var drained = r.Drain is { } d ? $"drained {d.TotalSeconds:N0} s after it ended ({(r.Burst + d) / r.Burst:N2}x its length)" : $"NOT drained within {2 * r.Burst.TotalSeconds:N0} s after it ended";
            Console.WriteLine($"  3x burst                   offered {r.OfferedBurstRate:N0} msg/s, acknowledged {r.AcknowledgedBurstRate:N0} msg/s for {r.Burst.TotalSeconds:N0} s; {drained}; " +
                $"peak waiting {r.PeakWaiting:N0} messages (steady {r.SteadyWaiting:N0}), oldest {r.PeakWaitSeconds:N1} s; working set {r.WorkingSetStartMiB:N0} -> peak {r.WorkingSetPeakMiB:N0} -> end {r.WorkingSetEndMiB:N0} MiB; " +
                $"{r.Acknowledged:N0} messages all counted {r.UntilCounted.TotalSeconds:N0} s after the last publish; reconnects {r.Reconnects}; data {r.DataMiB:N0} MiB");
        }
        return new Figures(raw, four, gatewayPhase, devicesPhase, app.PeakWorkingSetMiB);
    }

    private static async Task<Phase> MeasureAsync(
        WebAppProcess app, BenchmarkPlant plant, int messages, long countedBefore, (DateTimeOffset From, DateTimeOffset To) window, Func<Task<TimeSpan>> publish)
    {
        var cpu = app.CpuSeconds;
        var started = DateTime.UtcNow;
        var acknowledged = await publish();
        var counted = await plant.WaitForGoodCountAsync(countedBefore + messages, window.From, window.To, TimeSpan.FromMinutes(10));
        var endToEnd = counted - started;
        return new Phase(messages, messages / acknowledged.TotalSeconds, messages / endToEnd.TotalSeconds, (app.CpuSeconds - cpu) * 1000 / messages);
    }

    public static async Task<IMqttClient> ConnectAsync(int port, DeviceCredentials credentials)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
            .WithClientId(credentials.ClientId).WithCredentials(credentials.Username, credentials.Password).Build());
        return client;
    }

    private static void Report(string name, Phase phase, double raw) =>
        Console.WriteLine($"  {name,-26} acknowledged {phase.AckRate,8:N0} msg/s ({phase.AckRate / raw,5:P0} of raw)   end to end {phase.EndToEndRate,8:N0} msg/s ({phase.EndToEndRate / raw,5:P0} of raw)   app CPU {phase.CpuSecondsPerThousand * 1000:N0} ms per 1,000");
}
