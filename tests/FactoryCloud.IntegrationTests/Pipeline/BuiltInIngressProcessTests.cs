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
/// The ingress shape as deployed, on this machine, every part its own OS process on PostgreSQL: the web app (no broker)
/// issues the credentials and shows the TLS port; the ingestion worker runs the built-in broker over TLS only with a
/// certificate made in the test (<c>Mqtt:Mode=BuiltIn</c>); a device no one here wrote (<c>mosquitto_pub --cafile</c>)
/// publishes with the web-issued credentials until the count reaches the KPI API. Two queues:
/// <list type="bullet">
/// <item><c>ServiceBus</c>, the Azure shape: the ingress sends through the Azure.Messaging.ServiceBus SDK to the local
/// Service Bus host, and a third process, the processor (<c>Mqtt:Mode=None</c>, <c>Ingestion:RunProcessor=true</c>),
/// receives through the SDK and stores;</item>
/// <item><c>Inbox</c>, one worker on premises: the ingress commits to its inbox and stores in the same process.</item>
/// </list>
/// Plain MQTT, an oversized packet and tenant A's device publishing into tenant B's topic are refused; every process
/// exports its traces and metrics over OTLP/HTTP to a collector in the test.
/// </summary>
public sealed class BuiltInIngressProcessTests(DatabaseServers servers)
{
    [Theory]
    [InlineData("Inbox")]
    [InlineData("ServiceBus")]
    public async Task Mosquitto_pub_over_TLS_reaches_the_kpi_api_plain_and_cross_tenant_publishes_are_refused_and_every_process_exports_telemetry(string queueKind)
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await servers.SharedAsync(DatabaseProvider.Postgres);
        using var logs = TempDirectory.Create("fctest-ingress");
        using var certificates = new TestCertificates();
        await using var collector = new OtlpCollector();
        await using var serviceBus = PipelineQueue.ServiceBus();
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
        if (queueKind == "ServiceBus")
            foreach (var (key, value) in serviceBus.SettingsFor("telemetry-" + Guid.NewGuid().ToString("N")[..8])) common[key] = value;

        await using var web = await IngestionProcess.StartAsync("web", new Dictionary<string, string?>(common)
        {
            ["Urls"] = $"http://127.0.0.1:{webPort.ToString(CultureInfo.InvariantCulture)}",
            ["Mqtt:Mode"] = "None",
            ["Mqtt:PublicHost"] = "localhost",
            ["Mqtt:PublicPort"] = tlsPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:PublicTls"] = "true",
            // As deployed: the processor process is the queue's only consumer.
            ["Ingestion:RunProcessor"] = "false",
        }, logs.Path, AppAssemblies.Web());
        await using var ingress = await IngestionProcess.StartAsync("ingress", new Dictionary<string, string?>(common)
        {
            ["Mqtt:Mode"] = "BuiltIn",
            ["Mqtt:BindAddress"] = "127.0.0.1",
            ["Mqtt:AllowPlain"] = "false",
            ["Mqtt:Tls:Port"] = tlsPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:Tls:CertificatePath"] = certificates.ServerPfxPath,
            ["Mqtt:Tls:CertificatePassword"] = TestCertificates.PfxPassword,
            ["Inbox:Path"] = Path.Combine(logs.Path, "inbox.db"),
            ["Logging:LogLevel:FactoryCloud"] = "Debug",
        }, logs.Path);
        await using var processor = queueKind == "ServiceBus"
            ? await IngestionProcess.StartAsync("processor", new Dictionary<string, string?>(common)
            {
                ["Mqtt:Mode"] = "None",
                ["Ingestion:RunProcessor"] = "true",
            }, logs.Path)
            : null;
        var storer = processor is null ? "factorycloud-ingress" : "factorycloud-processor";
        // Three .NET processes starting at once on a shared two-core machine: minutes are not unheard of.
        var startup = TimeSpan.FromMinutes(3);
        await web.WaitForLogAsync("Application started", startup);
        await ingress.WaitForLogAsync("(MQTT over TLS", startup);
        if (processor is not null) await processor.WaitForLogAsync("Application started", startup);
        async Task<string> Diagnostics() =>
            $"\n--- ingress ---\n{ingress.Tail()}\n--- processor ---\n{processor?.Tail()}\n--- web ---\n{web.Tail()}\n{await serviceBus.DiagnosticsAsync()}";

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort.ToString(CultureInfo.InvariantCulture)}") };
        using var otherHttp = new HttpClient { BaseAddress = http.BaseAddress };
        var owner = await ApiSession.SignUpAsync(http);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var device = await plant.IssueCredentialsAsync(owner);
        Assert.Equal(tlsPort, device.GetProperty("port").GetInt32());
        Assert.True(device.GetProperty("tls").GetBoolean());
        // Tenant B has a machine at the very same path, so only the tenant in the topic tells the two apart.
        var other = await ApiSession.SignUpAsync(otherHttp);
        var otherPlant = await TestPlant.CreateAsync(other);
        await otherPlant.WithoutShiftCalendarAsync(other);

        var ts = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var payload = $$"""{"ts":"{{ts}}","seq":1,"good":7,"scrap":1,"product":"sku-1"}""";
        string[] connect =
        [
            "-h", device.GetProperty("host").GetString()!, "-p", tlsPort.ToString(CultureInfo.InvariantCulture), "-q", "1", "-V", "mqttv5",
            "-i", device.GetProperty("clientId").GetString()!, "-u", device.GetProperty("username").GetString()!, "-P", device.GetProperty("password").GetString()!,
        ];
        string[] publish = [.. connect, "-t", $"fc/v1/{owner.Slug}/plant-1/assembly/line-1/press-1/count", "-m", payload];
        async Task<ProcessResult> MosquittoPubAsync(string[] arguments)
        {
            try
            {
                // Line-buffered, so that its debug lines (-d) survive a kill on timeout.
                return await ProcessRunner.RunAsync("stdbuf", ["-oL", "mosquitto_pub", .. arguments, "-d"],
                    new ProcessRunOptions { Timeout = TimeSpan.FromSeconds(90), ThrowOnNonZeroExitCode = false }, ct);
            }
            catch (ExternalProcessException e)
            {
                throw new InvalidOperationException(e.Message + await Diagnostics(), e);
            }
        }
        var plain = await MosquittoPubAsync(publish);
        Assert.NotEqual(0, plain.ExitCode);
        // Tenant A's device into tenant B's machine: the ingress answers PUBACK "not authorized" and queues nothing.
        var crossTenant = await MosquittoPubAsync([.. connect, "-t", $"fc/v1/{other.Slug}/plant-1/assembly/line-1/press-1/count", "-m", payload, "--cafile", certificates.CaPemPath]);
        Assert.True(crossTenant.StandardError.Contains("not authorized", StringComparison.OrdinalIgnoreCase), $"{crossTenant.StandardOutput}{crossTenant.StandardError}{await Diagnostics()}");
        var tls = await MosquittoPubAsync([.. publish, "--cafile", certificates.CaPemPath]);
        Assert.True(tls.ExitCode == 0, $"{tls.StandardOutput}{tls.StandardError}{await Diagnostics()}");

        var good = await GoodCountAsync(owner, plant, expected: 7, ct);
        Assert.True(good == 7, $"goodCount {good}{await Diagnostics()}");
        // The message published before the good one never reached tenant B, and the ingress told tenant A why.
        Assert.Equal(0, await GoodCountAsync(other, otherPlant, expected: 0, ct));
        var refusal = await RefusalsAsync(owner, "OutOfScope", ct);
        Assert.Contains($"fc/v1/{other.Slug}/", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(owner.Slug, (await other.Client.GetFromJsonAsync<JsonElement>("/api/v1/ingestion/health", ct)).GetProperty("refusals").ToString(), StringComparison.Ordinal);

        // A packet over Mqtt:Limits:MaxPacketSize (16 KiB) is refused unread, and the web's ingestion health page says why.
        string[] oversized = [.. publish[..^2], "-m", new string('x', 20_000), "--cafile", certificates.CaPemPath];
        await MosquittoPubAsync(oversized);
        var refusals = await RefusalsAsync(owner, "PacketTooLarge", ct);
        Assert.True(refusals.Contains("PacketTooLarge", StringComparison.Ordinal), $"refusals {refusals}{await Diagnostics()}");

        // OpenTelemetry: the web app traced the KPI request and its PostgreSQL commands; the ingress counted the
        // accepted and the refused messages; whoever stores (the processor, or the ingress on the inbox) traced and timed
        // the batch; the ingress traced its send to Service Bus, or reported its inbox.
        var exported = await collector.WaitUntilAsync(c =>
            c.Spans.Any(s => s.Service == "factorycloud-web" && s.Scope == "Microsoft.AspNetCore" && s.Name.Contains("kpis", StringComparison.Ordinal))
            && c.Spans.Any(s => s.Service == "factorycloud-web" && s.Scope == "Npgsql")
            && c.Metrics.Any(m => m.Service == "factorycloud-web" && m.Name == "http.server.request.duration")
            && Sum(c, "factorycloud-ingress", "factorycloud.ingestion.messages.accepted", "channel", "count") >= 1
            && Sum(c, "factorycloud-ingress", "factorycloud.ingestion.messages.refused", "reason", "OutOfScope") >= 1
            && Sum(c, "factorycloud-ingress", "factorycloud.ingestion.messages.refused", "reason", "PacketTooLarge") >= 1
            && c.Spans.Any(s => s.Service == storer && s.Scope == "FactoryCloud.Ingestion" && s.Name == "telemetry store")
            && Sum(c, storer, "factorycloud.ingestion.messages.stored", "outcome", "applied") >= 1
            && Sum(c, storer, "factorycloud.ingestion.store.duration") >= 1
            && (processor is null
                ? c.Metrics.Any(m => m is { Service: "factorycloud-ingress", Name: "factorycloud.ingestion.inbox.backlog" })
                : c.Spans.Any(s => s is { Service: "factorycloud-ingress", Scope: "FactoryCloud.Ingestion", Name: "telemetry enqueue" })),
            TimeSpan.FromSeconds(30));
        Assert.True(exported, collector.Describe());
    }

    /// <summary>The machine's good count over the last hour, polled until it is <paramref name="expected"/> (60 s at most).</summary>
    private static async Task<long> GoodCountAsync(ApiSession session, TestPlant plant, long expected, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O", CultureInfo.InvariantCulture));
            var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            var kpis = await session.Client.GetFromJsonAsync<JsonElement>($"/api/v1/machines/{plant.Machine}/kpis?from={from}&to={to}", ct);
            var good = kpis.GetProperty("goodCount").GetInt64();
            if (good == expected || DateTime.UtcNow > deadline) return good;
            await Task.Delay(250, ct);
        }
    }

    /// <summary>The tenant's refusals on the ingestion health API, polled until they name <paramref name="reason"/> (30 s at most).</summary>
    private static async Task<string> RefusalsAsync(ApiSession session, string reason, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var refusals = (await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/ingestion/health", ct)).GetProperty("refusals").ToString();
            if (refusals.Contains(reason, StringComparison.Ordinal) || DateTime.UtcNow > deadline) return refusals;
            await Task.Delay(250, ct);
        }
    }

    /// <summary>The newest exported value of a metric (cumulative), over the data points carrying the tag, if one is given.</summary>
    private static double Sum(OtlpCollector collector, string service, string metric, string? tag = null, string? value = null) =>
        collector.Metrics.Where(m => m.Service == service && m.Name == metric && (tag is null || m.Attributes.GetValueOrDefault(tag) == value))
            .Select(m => m.Value).DefaultIfEmpty(0).Max();
}
