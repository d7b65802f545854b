using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Configuration;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Mqtt;
using FactoryCloud.Testing;
using FactoryCloud.Testing.Otlp;

namespace FactoryCloud.IntegrationTests.Pipeline;

/// <summary>
/// The cloud ingress shape on this machine: the ingestion worker runs the built-in broker (<c>Mqtt:Mode=BuiltIn</c>)
/// over TLS only, the web app (no broker) issues the credentials and shows the TLS port, and a device no one here
/// wrote (<c>mosquitto_pub --cafile</c>) publishes with them until the count reaches the KPI API.
/// </summary>
public sealed class BuiltInIngressProcessTests(DatabaseServers servers)
{
    [Fact]
    public async Task Mosquitto_pub_over_TLS_to_the_worker_broker_reaches_the_kpi_api_and_plain_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await servers.SharedAsync(DatabaseProvider.Postgres);
        using var logs = TempDirectory.Create("fctest-ingress");
        using var certificates = new TestCertificates();
        await using var collector = new OtlpCollector();
        var tlsPort = FreePort.Next();
        var webPort = FreePort.Next();
        var common = new Dictionary<string, string?>(database.Settings)
        {
            ["Database:ApplyMigrations"] = "false",
            ["Queue:Kind"] = "Inbox",
            ["Logging:Console:FormatterName"] = "simple",
            // Every process exports traces and metrics over OTLP/HTTP to the collector in this test, promptly.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        };

        await using var web = await IngestionProcess.StartAsync("web", new Dictionary<string, string?>(common)
        {
            ["Urls"] = $"http://127.0.0.1:{webPort.ToString(CultureInfo.InvariantCulture)}",
            ["Mqtt:Mode"] = "None",
            ["Mqtt:PublicHost"] = "localhost",
            ["Mqtt:PublicPort"] = tlsPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:PublicTls"] = "true",
        }, logs.Path, AppAssemblies.Web());
        await using var worker = await IngestionProcess.StartAsync("worker", new Dictionary<string, string?>(common)
        {
            ["Mqtt:Mode"] = "BuiltIn",
            ["Mqtt:BindAddress"] = "127.0.0.1",
            ["Mqtt:AllowPlain"] = "false",
            ["Mqtt:Tls:Port"] = tlsPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:Tls:CertificatePath"] = certificates.ServerPfxPath,
            ["Mqtt:Tls:CertificatePassword"] = TestCertificates.PfxPassword,
            ["Inbox:Path"] = Path.Combine(logs.Path, "inbox.db"),
        }, logs.Path);
        await web.WaitForLogAsync("Application started", TimeSpan.FromSeconds(60));
        await worker.WaitForLogAsync("(MQTT over TLS", TimeSpan.FromSeconds(60));

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort.ToString(CultureInfo.InvariantCulture)}") };
        var owner = await ApiSession.SignUpAsync(http);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var device = await plant.IssueCredentialsAsync(owner);
        Assert.Equal(tlsPort, device.GetProperty("port").GetInt32());
        Assert.True(device.GetProperty("tls").GetBoolean());

        var ts = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        string[] publish =
        [
            "-h", device.GetProperty("host").GetString()!, "-p", tlsPort.ToString(CultureInfo.InvariantCulture), "-q", "1",
            "-i", device.GetProperty("clientId").GetString()!, "-u", device.GetProperty("username").GetString()!, "-P", device.GetProperty("password").GetString()!,
            "-t", $"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-1/count", "-m", $$"""{"ts":"{{ts}}","seq":1,"good":7,"scrap":1,"product":"sku-1"}""",
        ];
        var options = new ProcessRunOptions { Timeout = TimeSpan.FromSeconds(30), ThrowOnNonZeroExitCode = false };
        var plain = await ProcessRunner.RunAsync("mosquitto_pub", publish, options, ct);
        var tls = await ProcessRunner.RunAsync("mosquitto_pub", [.. publish, "--cafile", certificates.CaPemPath], options, ct);
        Assert.NotEqual(0, plain.ExitCode);
        Assert.True(tls.ExitCode == 0, $"{tls.StandardError}\n--- worker ---\n{worker.Tail()}");

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

        // A packet over Mqtt:Limits:MaxPacketSize (16 KiB) is refused unread, and the web's ingestion health page says why.
        string[] oversized = [.. publish[..^2], "-m", new string('x', 20_000), "--cafile", certificates.CaPemPath];
        await ProcessRunner.RunAsync("mosquitto_pub", oversized, options, ct);
        var refusals = "";
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!refusals.Contains("PacketTooLarge", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            refusals = (await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/ingestion/health", ct)).GetProperty("refusals").ToString();
            if (!refusals.Contains("PacketTooLarge", StringComparison.Ordinal)) await Task.Delay(250, ct);
        }
        Assert.True(refusals.Contains("PacketTooLarge", StringComparison.Ordinal), $"refusals {refusals}\n--- worker ---\n{worker.Tail()}");

        // OpenTelemetry: the web app traced the KPI request and its PostgreSQL commands; the ingress counted the
        // accepted and the refused message, traced and timed the batch it stored, and reported its inbox.
        var exported = await collector.WaitUntilAsync(c =>
            c.Spans.Any(s => s.Service == "factorycloud-web" && s.Scope == "Microsoft.AspNetCore" && s.Name.Contains("kpis", StringComparison.Ordinal))
            && c.Spans.Any(s => s.Service == "factorycloud-web" && s.Scope == "Npgsql")
            && c.Spans.Any(s => s.Service == "factorycloud-ingress" && s.Scope == "FactoryCloud.Ingestion" && s.Name == "telemetry store")
            && Sum(c, "factorycloud-ingress", "factorycloud.ingestion.messages.accepted", "channel", "count") >= 1
            && Sum(c, "factorycloud-ingress", "factorycloud.ingestion.messages.refused", "reason", "PacketTooLarge") >= 1
            && Sum(c, "factorycloud-ingress", "factorycloud.ingestion.store.duration") >= 1
            && c.Metrics.Any(m => m is { Service: "factorycloud-ingress", Name: "factorycloud.ingestion.inbox.backlog" })
            && c.Metrics.Any(m => m.Service == "factorycloud-web" && m.Name == "http.server.request.duration"), TimeSpan.FromSeconds(30));
        Assert.True(exported, collector.Describe());
    }

    /// <summary>The newest exported value of a metric (cumulative), over the data points carrying the tag, if one is given.</summary>
    private static double Sum(OtlpCollector collector, string service, string metric, string? tag = null, string? value = null) =>
        collector.Metrics.Where(m => m.Service == service && m.Name == metric && (tag is null || m.Attributes.GetValueOrDefault(tag) == value))
            .Select(m => m.Value).DefaultIfEmpty(0).Max();
}
