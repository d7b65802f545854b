using FactoryCloud.Infrastructure.Observability;
using FactoryCloud.Testing.Otlp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FactoryCloud.IntegrationTests.Configuration;

/// <summary>
/// <see cref="ObservabilityExtensions.AddFactoryCloudObservability"/> on a minimal host: nothing is registered unless an
/// exporter is asked for, and with an Application Insights connection string the Azure Monitor distro sends a request's
/// telemetry to the ingestion endpoint the string names (here a listener in the test). The OTLP path is proven on the
/// real hosts by <c>BuiltInIngressProcessTests</c>.
/// </summary>
public sealed class ObservabilityTests
{
    [Fact]
    public async Task Without_an_exporter_setting_OpenTelemetry_is_not_registered()
    {
        await using var app = await StartAsync([]);

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task With_an_Application_Insights_connection_string_telemetry_is_sent_to_its_ingestion_endpoint()
    {
        await using var collector = new OtlpCollector();
        var key = Guid.NewGuid().ToString();
        await using var app = await StartAsync(new Dictionary<string, string?>
        {
            [ObservabilityExporters.AzureMonitorKey] =
                $"InstrumentationKey={key};IngestionEndpoint={collector.Endpoint}/;LiveEndpoint={collector.Endpoint}/",
        });
        using var http = new HttpClient { BaseAddress = new Uri(Address(app)) };

        (await http.GetAsync("/observed", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        // What the connection string decides: telemetry of this app (its role name, the key given) goes to the
        // ingestion endpoint named there. Request spans are proven over OTLP by BuiltInIngressProcessTests.
        var sent = await collector.WaitUntilAsync(c => c.OtherRequests.Any(r =>
            r.Path.EndsWith("/v2.1/track", StringComparison.Ordinal) && r.Body.Contains(key, StringComparison.Ordinal)
            && r.Body.Contains("\"ai.cloud.role\":\"factorycloud-test\"", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
        Assert.True(sent, collector.Describe());
    }

    private static async Task<WebApplication> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddFactoryCloudObservability("factorycloud-test");
        var app = builder.Build();
        app.MapGet("/observed", () => "seen");
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
