using System.Diagnostics;
using FactoryCloud.Infrastructure;
using FactoryCloud.Infrastructure.Ingestion;
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
/// End to end on the embedded shape: a gateway publishes through the built-in broker, which authenticates it,
/// checks its scope, validates each message and acknowledges it only after the group commit into PostgreSQL.
/// </summary>
internal static class PipelineThroughput
{
    public sealed record Phase(int Messages, double MessagesPerSecond, string Memory);

    public sealed record Result(Phase Steady, Phase Burst, long Published, long Stored, string Commits);

    public static async Task<Result> MeasureAsync(BenchmarkDatabase database, int count)
    {
        var port = FreePort.Next();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(database.Settings)
        {
            ["Database:ApplyMigrations"] = "false",
            ["Mqtt:Mode"] = "BuiltIn",
            ["Mqtt:BindAddress"] = "127.0.0.1",
            ["Mqtt:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddFactoryCloudPersistence(builder.Configuration, Path.GetTempPath());
        builder.Services.AddTelemetryPipeline(builder.Configuration, runProcessor: false);
        builder.Services.AddSingleton<TelemetryStore>();
        builder.Services.AddSingleton<TimedStore>();
        builder.Services.AddSingleton<ITelemetryStore>(sp => sp.GetRequiredService<TimedStore>());
        using var host = builder.Build();
        await host.StartAsync();

        // Every machine publishes at once, each over its own connection.
        var clients = new List<IMqttClient>();
        foreach (var machine in Enumerable.Range(1, BenchmarkDatabase.Machines).Select(i => $"m-{i:000}"))
        {
            var client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
                .WithClientId($"bench-{machine}").WithCredentials($"{BenchmarkDatabase.Slug}.{machine}", BenchmarkDatabase.GatewayPassword).Build());
            clients.Add(client);
        }
        var perMachine = count / clients.Count;
        var warmUp = await PublishPhaseAsync(clients, Math.Max(1, perMachine / 5), firstSeq: 500_000); // JIT, connection pool
        var steady = await PublishPhaseAsync(clients, perMachine, firstSeq: 1_000_000);
        // The burst: three times the steady run's messages, from every machine at once, as fast as acknowledged.
        var burst = await PublishPhaseAsync(clients, 3 * perMachine, firstSeq: 2_000_000);
        foreach (var client in clients) client.Dispose();

        await using var db = host.Services.GetRequiredService<AppDbContextFactory>().Create(DataScope.ForTenant(database.TenantId));
        var stored = await db.TelemetryEvents.LongCountAsync(e => !e.DedupKey.StartsWith("store-bench"));
        await host.StopAsync();
        return new Result(steady, burst, warmUp.Messages + steady.Messages + burst.Messages, stored, host.Services.GetRequiredService<TimedStore>().Describe());
    }

    private static async Task<Phase> PublishPhaseAsync(List<IMqttClient> clients, int perMachine, long firstSeq)
    {
        var now = DateTimeOffset.UtcNow;
        await using var memory = new MemorySampler();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, m) => Publisher.PublishAsync(client, Enumerable.Range(0, perMachine)
            .Select(i => ($"{BenchmarkDatabase.LinePrefix}/m-{m + 1:000}/count", Publisher.CountPayload(firstSeq + i, now.AddMilliseconds(-perMachine + i)))))));
        var elapsed = stopwatch.Elapsed;
        return new Phase(perMachine * clients.Count, perMachine * clients.Count / elapsed.TotalSeconds, memory.Describe());
    }
}
