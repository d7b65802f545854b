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
/// End to end on the embedded shape: a gateway publishes through the built-in broker, which authenticates it,
/// checks its scope, validates each message and acknowledges it only after the group commit into PostgreSQL.
/// </summary>
internal static class PipelineThroughput
{
    public sealed record Result(double MessagesPerSecond, long Stored);

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
        using var host = builder.Build();
        await host.StartAsync();

        // 20 machines publish at once, each with its own connection.
        var clients = new List<IMqttClient>();
        foreach (var machine in Enumerable.Range(1, 20).Select(i => $"m-{i:00}"))
        {
            var client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
                .WithClientId($"bench-{machine}").WithCredentials($"{BenchmarkDatabase.Slug}.{machine}", BenchmarkDatabase.GatewayPassword).Build());
            clients.Add(client);
        }
        var now = DateTimeOffset.UtcNow;
        var perMachine = count / clients.Count;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, m) => Publisher.PublishAsync(client, Enumerable.Range(0, perMachine)
            .Select(i => ($"{BenchmarkDatabase.LinePrefix}/m-{m + 1:00}/count", Publisher.CountPayload(1_000_000 + i, now.AddMilliseconds(-perMachine + i))))
            .ToList())));
        var elapsed = stopwatch.Elapsed;
        foreach (var client in clients) client.Dispose();

        await using var db = host.Services.GetRequiredService<AppDbContextFactory>().Create(DataScope.ForTenant(database.TenantId));
        var stored = await db.TelemetryEvents.LongCountAsync(e => !e.DedupKey.StartsWith("store-bench"));
        await host.StopAsync();
        return new Result(perMachine * clients.Count / elapsed.TotalSeconds, stored);
    }
}
