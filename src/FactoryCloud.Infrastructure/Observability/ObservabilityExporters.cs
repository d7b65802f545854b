using Microsoft.Extensions.Configuration;

namespace FactoryCloud.Infrastructure.Observability;

/// <summary>
/// Where traces and metrics go, read from the standard variables (also as settings): Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, the console
/// when <c>Observability:Console=true</c>. Any combination; none means OpenTelemetry is not registered at all.
/// </summary>
public sealed record ObservabilityExporters(bool AzureMonitor, bool Otlp, bool Console)
{
    public const string AzureMonitorKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string OtlpKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ConsoleKey = "Observability:Console";

    public bool Any => AzureMonitor || Otlp || Console;

    public static ObservabilityExporters From(IConfiguration configuration) => new(
        !string.IsNullOrWhiteSpace(configuration[AzureMonitorKey]),
        !string.IsNullOrWhiteSpace(configuration[OtlpKey]),
        configuration.GetValue(ConsoleKey, false));
}
