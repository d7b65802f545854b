using System.Diagnostics;
using FactoryCloud.Infrastructure;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Pipeline;
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
    public static async Task<double> MeasureAsync(BenchmarkDatabase database, int count)
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
            ["Queue:Kind"] = "ServiceBus",
            ["Queue:QueueName"] = "bench-telemetry",
            ["Queue:ServiceBus:ConnectionString"] = rabbit.AmqpUri,
        });
        builder.Services.AddFactoryCloudPersistence(builder.Configuration, Path.GetTempPath());
        builder.Services.AddTelemetryPipeline(builder.Configuration, runProcessor: true);
        using var host = builder.Build();
        await host.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(1)); // the worker's subscription

        var contexts = host.Services.GetRequiredService<AppDbContextFactory>();
        long before;
        await using (var db = contexts.Create(DataScope.ForTenant(database.TenantId)))
            before = await db.TelemetryEvents.LongCountAsync();

        var clients = new List<IMqttClient>();
        for (var m = 1; m <= BenchmarkDatabase.Machines; m++)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(mosquitto.Host, mosquitto.Port).WithClientId($"bench-ext-{m:000}").Build());
            clients.Add(client);
        }
        var perMachine = count / clients.Count;
        var now = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, m) => Publisher.PublishAsync(client, Enumerable.Range(0, perMachine)
            .Select(i => ($"{BenchmarkDatabase.LinePrefix}/m-{m + 1:000}/count", Publisher.CountPayload(5_000_000 + i, now.AddMilliseconds(-perMachine + i))))
            .ToList())));

        var expected = before + perMachine * clients.Count;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            await using var db = contexts.Create(DataScope.ForTenant(database.TenantId));
            if (await db.TelemetryEvents.LongCountAsync() >= expected) break;
            await Task.Delay(50);
        }
        var elapsed = stopwatch.Elapsed;
        foreach (var client in clients) client.Dispose();
        await host.StopAsync();
        return perMachine * clients.Count / elapsed.TotalSeconds;
    }
}
