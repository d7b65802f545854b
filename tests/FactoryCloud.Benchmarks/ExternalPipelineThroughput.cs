using System.Diagnostics;
using FactoryCloud.Infrastructure;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Pipeline;
using FactoryCloud.Benchmarks.Ingestion;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace FactoryCloud.Benchmarks;

/// <summary>
/// End to end on the scaled-out shape: devices publish to mosquitto; the ingestion worker (shared subscription,
/// manual acknowledgement) validates and queues to an AMQP 1.0 broker (RabbitMQ standing in for Service Bus); the
/// processor consumes into PostgreSQL. Measured until the last message is stored.
/// </summary>
internal static class ExternalPipelineThroughput
{
    /// <param name="CpuMsPerThousand">CPU of this process (worker, processor, and for the devices our MQTTnet publishers) per 1,000 messages.</param>
    /// <param name="Services">CPU of the brokers and database per 1,000 messages (ms), by process.</param>
    public sealed record Phase(double Rate, double CpuMsPerThousand, string Services);

    public sealed record Result(Phase OutsidePublishers, Phase Devices);

    public static async Task<Result> MeasureAsync(BenchmarkDatabase database, int count)
    {
        await using var mosquitto = await MosquittoBroker.StartAsync(new MosquittoOptions { AdditionalConfigLines = ["max_queued_messages 0"] });
        await using var rabbit = await RabbitMqBroker.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(database.Settings)
        {
            ["Mqtt:Mode"] = "External",
            ["Mqtt:External:Host"] = mosquitto.Host,
            ["Mqtt:External:Port"] = mosquitto.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:External:ClientId"] = "bench-worker",
            ["Queue:Kind"] = "Amqp",
            ["Queue:QueueName"] = "bench-telemetry",
            ["Queue:Amqp:ConnectionString"] = rabbit.AmqpUri,
        });
        builder.Services.AddFactoryCloudPersistence(builder.Configuration, Path.GetTempPath());
        builder.Services.AddTelemetryIngestion(builder.Configuration, runProcessor: true);
        using var host = builder.Build();
        await host.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(1)); // the worker's subscription
        var contexts = host.Services.GetRequiredService<AppDbContextFactory>();

        // The same outside publishers as against raw mosquitto: mosquitto_pub -l, one machine each (mosquitto here
        // allows anonymous clients; its own ACLs are tested elsewhere).
        using var directory = TempDirectory.Create("fc-bench-external");
        var perPublisher = count / OutsidePublishersBenchmark.Publishers;
        var publishers = Enumerable.Range(0, OutsidePublishersBenchmark.Publishers)
            .Select(i => new MosquittoPub($"{BenchmarkDatabase.LinePrefix}/m-{i + 1:000}/count",
                MosquittoPub.WritePayloads(directory.Path, $"ext-{i}", perPublisher, 7_000_000, DateTimeOffset.UtcNow.AddMinutes(-10))))
            .ToList();
        // Warm-up, not measured (as on the embedded default): rounds of the same publishers until a round costs this
        // process (worker and processor) no more CPU per message than the round before, within 10 %, at most 6 rounds.
        double? previous = null;
        for (var round = 0; round < 6; round++)
        {
            var warmUp = Enumerable.Range(0, OutsidePublishersBenchmark.Publishers)
                .Select(i => new MosquittoPub($"{BenchmarkDatabase.LinePrefix}/m-{i + 1:000}/count",
                    MosquittoPub.WritePayloads(directory.Path, $"ext-warm-{i}", 5_000, 8_000_000 + (round * 100_000), DateTimeOffset.UtcNow.AddMinutes(-20))))
                .ToList();
            var warm = await UntilStoredAsync(contexts, database, 5_000 * warmUp.Count,
                () => MosquittoPub.RunAllAsync(mosquitto.Host, mosquitto.Port, warmUp, TimeSpan.FromMinutes(10)));
            if (previous is { } p && warm.CpuMsPerThousand > p * 0.9) break;
            previous = warm.CpuMsPerThousand;
        }
        var outside = await UntilStoredAsync(contexts, database, perPublisher * publishers.Count,
            () => MosquittoPub.RunAllAsync(mosquitto.Host, mosquitto.Port, publishers, TimeSpan.FromMinutes(10)));

        var clients = new List<IMqttClient>();
        for (var m = 1; m <= BenchmarkDatabase.Machines; m++)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(mosquitto.Host, mosquitto.Port).WithClientId($"bench-ext-{m:000}").Build());
            clients.Add(client);
        }
        var perMachine = count / clients.Count;
        var now = DateTimeOffset.UtcNow;
        var devices = await UntilStoredAsync(contexts, database, perMachine * clients.Count, async () =>
        {
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(clients.Select((client, m) => Publisher.PublishAsync(client, Enumerable.Range(0, perMachine)
                .Select(i => ($"{BenchmarkDatabase.LinePrefix}/m-{m + 1:000}/count", Publisher.CountPayload(5_000_000 + i, now.AddMilliseconds(-perMachine + i)))))));
            return stopwatch.Elapsed;
        });
        foreach (var client in clients) client.Dispose();
        await host.StopAsync();
        return new Result(outside, devices);
    }

    /// <summary>Messages per second from the first publish until the last message is stored, and this process's CPU per 1,000.</summary>
    private static async Task<Phase> UntilStoredAsync(AppDbContextFactory contexts, BenchmarkDatabase database, int messages, Func<Task<TimeSpan>> publish)
    {
        long before;
        await using (var db = contexts.Create(DataScope.ForTenant(database.TenantId)))
            before = await db.TelemetryEvents.LongCountAsync();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var services = DescendantCpu.Seconds();
        var stopwatch = Stopwatch.StartNew();
        await publish();
        while (stopwatch.Elapsed < TimeSpan.FromMinutes(10))
        {
            await using var db = contexts.Create(DataScope.ForTenant(database.TenantId));
            if (await db.TelemetryEvents.LongCountAsync() >= before + messages)
                return new Phase(messages / stopwatch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1000 / messages,
                    DescendantCpu.PerThousand(services, DescendantCpu.Seconds(), messages));
            await Task.Delay(50);
        }
        throw new TimeoutException($"The scaled-out pipeline did not store {messages:N0} messages within 10 minutes.");
    }
}
