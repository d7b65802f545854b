using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FactoryCloud.Infrastructure.Observability;

public static class ObservabilityExtensions
{
    /// <summary>
    /// The one OpenTelemetry registration every host uses (web app, ingress, processor): ASP.NET Core requests,
    /// HttpClient calls, PostgreSQL commands (Npgsql), EF Core and runtime metrics, and the pipeline's own
    /// <see cref="IngestionInstruments"/>, exported as <see cref="ObservabilityExporters"/> says. The service name is
    /// <paramref name="serviceName"/> unless <c>OTEL_SERVICE_NAME</c> is set.
    /// </summary>
    public static IHostApplicationBuilder AddFactoryCloudObservability(this IHostApplicationBuilder builder, string serviceName)
    {
        var exporters = ObservabilityExporters.From(builder.Configuration);
        if (!exporters.Any) return builder;

        var name = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configured ? configured : serviceName;
        var version = typeof(ObservabilityExtensions).Assembly.GetName().Version?.ToString();
        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(name, serviceVersion: version));
        // The Azure Monitor distro brings its own ASP.NET Core and HttpClient instrumentation (and logs, live metrics):
        // adding ours as well would enrich every span twice.
        if (exporters.AzureMonitor) otel.UseAzureMonitor();

        otel.WithTracing(tracing =>
        {
            if (!exporters.AzureMonitor)
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = IsNotAProbe).AddHttpClientInstrumentation();
            tracing.AddSource(IngestionInstruments.Name).AddNpgsql();
            if (exporters.Otlp) tracing.AddOtlpExporter();
            if (exporters.Console) tracing.AddConsoleExporter();
        });
        otel.WithMetrics(metrics =>
        {
            if (!exporters.AzureMonitor)
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
            metrics.AddRuntimeInstrumentation().AddNpgsqlInstrumentation()
                .AddMeter(IngestionInstruments.Name, "Microsoft.EntityFrameworkCore");
            if (exporters.Otlp) metrics.AddOtlpExporter();
            if (exporters.Console) metrics.AddConsoleExporter();
        });
        return builder;
    }

    /// <summary>Health probes every few seconds from the platform are not worth a span each.</summary>
    private static bool IsNotAProbe(HttpContext context) => !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
