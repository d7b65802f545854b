using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Configuration;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.Testing;

namespace FactoryCloud.IntegrationTests.Pipeline;

/// <summary>
/// The Azure shape on this machine: the web app (which hosts the processor) and the ingestion worker run as two
/// processes with the production settings layout (PostgreSQL as a non-owner role, an external mosquitto, the AMQP
/// queue on RabbitMQ, no built-in broker in the web app), and a device's message reaches the KPI API.
/// </summary>
public sealed class SeparateProcessesTests(DatabaseServers servers, PipelineRabbitMq rabbit) : IClassFixture<PipelineRabbitMq>
{
    private const string WorkerUser = "fc-ingestion";
    private const string WorkerPassword = "worker-Password-1";

    [Fact]
    public async Task A_message_published_through_mosquitto_reaches_the_kpi_api_of_the_web_process()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await servers.SharedAsync(DatabaseProvider.Postgres);
        using var logs = TempDirectory.Create("fctest-processes");
        var queue = "telemetry-" + Guid.NewGuid().ToString("N")[..8];
        var common = new Dictionary<string, string?>(database.Settings)
        {
            ["Database:ApplyMigrations"] = "false",
            ["Queue:Kind"] = "Amqp",
            ["Queue:QueueName"] = queue,
            ["Queue:Amqp:ConnectionString"] = rabbit.Broker.AmqpUri,
            ["Logging:Console:FormatterName"] = "simple",
        };

        var webPort = FreePort.Next();
        await using var web = await IngestionProcess.StartAsync("web", new Dictionary<string, string?>(common)
        {
            ["Urls"] = $"http://127.0.0.1:{webPort.ToString(CultureInfo.InvariantCulture)}",
            ["Mqtt:Mode"] = "None",
        }, logs.Path, AppAssemblies.Web());
        await web.WaitForLogAsync("Application started", TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort.ToString(CultureInfo.InvariantCulture)}") };
        var owner = await ApiSession.SignUpAsync(http);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner); // the whole window is planned, whenever the test runs
        var device = await plant.IssueCredentialsAsync(owner, "lines");

        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            AllowAnonymous = false,
            PasswordFileContent = await http.GetStringAsync("/api/v1/devices/mosquitto/passwd", ct),
            Users = new Dictionary<string, string> { [WorkerUser] = WorkerPassword },
            AclFileContent = await http.GetStringAsync("/api/v1/devices/mosquitto/acl", ct) + $"user {WorkerUser}\ntopic read fc/v1/#\n",
        }, ct);
        await using var worker = await IngestionProcess.StartAsync("worker", new Dictionary<string, string?>(common)
        {
            ["Mqtt:Mode"] = "External",
            ["Mqtt:External:Host"] = broker.Host,
            ["Mqtt:External:Port"] = broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:External:ClientId"] = "fc-ingestion-" + queue,
            ["Mqtt:External:Username"] = WorkerUser,
            ["Mqtt:External:Password"] = WorkerPassword,
        }, logs.Path);
        await worker.WaitForLogAsync("Ingesting from", TimeSpan.FromSeconds(60));
        using var health = await new HttpClient().GetAsync(ListeningUrl(worker) + "/health/ready", ct);
        Assert.True(health.IsSuccessStatusCode, $"worker /health/ready answered {health.StatusCode}");

        await using (var publisher = await ReliablePublisher.ConnectAsync(broker.Host, broker.Port, device.GetProperty("clientId").GetString()!,
            device.GetProperty("username").GetString()!, device.GetProperty("password").GetString()!, ct))
        {
            var ts = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            var topic = $"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-1/count";
            await publisher.PublishAsync(topic, Encoding.UTF8.GetBytes($$"""{"ts":"{{ts}}","seq":1,"good":7,"scrap":1,"product":"sku-1"}"""), ct);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        long good = 0;
        while (good != 7 && DateTime.UtcNow < deadline)
        {
            var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O", CultureInfo.InvariantCulture));
            var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            var kpis = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/machines/{plant.Machine}/kpis?from={from}&to={to}", ct);
            good = kpis.GetProperty("goodCount").GetInt64();
            if (good != 7) await Task.Delay(250, ct);
        }
        Assert.True(good == 7, $"goodCount {good}\n--- worker ---\n{worker.Tail()}\n--- web ---\n{web.Tail()}");
    }

    /// <summary>The address Kestrel logged for the process (it listens on a port the OS chose).</summary>
    private static string ListeningUrl(IngestionProcess process) =>
        process.ReadLog().Split('\n').Last(line => line.Contains("Now listening on: ", StringComparison.Ordinal))
            .Split("Now listening on: ")[1].Trim();
}
