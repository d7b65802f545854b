using MQTTnet.Diagnostics.Logger;

namespace FactoryCloud.Infrastructure.Mqtt;

/// <summary>
/// Passes MQTTnet's own log to the app's: without it an exception inside the server (in an interceptor, say) closes a
/// device's connection without a trace. A client that drops or sends garbage is routine for a broker, so MQTTnet's
/// warnings are debug here and its errors warnings: a flood of broken clients cannot flood the log at error level.
/// </summary>
public sealed class MqttNetLogForwarder(ILogger logger) : IMqttNetLogger
{
    /// <summary>MQTTnet asks this before every message, errors included: on whenever its errors (warnings here) are logged.</summary>
    public bool IsEnabled => logger.IsEnabled(LogLevel.Warning);

    public void Publish(MqttNetLogLevel level, string source, string message, object[] parameters, Exception exception)
    {
        var mapped = level switch
        {
            MqttNetLogLevel.Error => LogLevel.Warning,
            MqttNetLogLevel.Warning or MqttNetLogLevel.Info => LogLevel.Debug,
            _ => LogLevel.Trace,
        };
        if (!logger.IsEnabled(mapped)) return;
        var text = parameters is { Length: > 0 } ? string.Format(System.Globalization.CultureInfo.InvariantCulture, message, parameters) : message;
#pragma warning disable CA2254 // MQTTnet's messages are composite-format templates of its own, formatted above.
        logger.Log(mapped, exception, "MQTTnet {Source}: {Message}", source, text);
#pragma warning restore CA2254
    }
}
