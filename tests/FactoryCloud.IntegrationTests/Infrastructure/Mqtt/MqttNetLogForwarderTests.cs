using FactoryCloud.Infrastructure.Mqtt;
using Microsoft.Extensions.Logging;
using MQTTnet.Diagnostics.Logger;

namespace FactoryCloud.IntegrationTests.Infrastructure.Mqtt;

public sealed class MqttNetLogForwarderTests
{
    private sealed class Recorder(LogLevel minimum) : ILogger
    {
        public List<(LogLevel Level, string Text, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), exception));
    }

    [Fact]
    public void An_exception_inside_MQTTnet_reaches_the_app_log_as_a_warning_with_its_client()
    {
        var log = new Recorder(LogLevel.Information);
        var failure = new InvalidOperationException("interceptor failed");

        new MqttNetLogForwarder(log).Publish(MqttNetLogLevel.Error, "MqttConnectedClient", "Client '{0}': Error while receiving packets", ["press-1"], failure);

        var entry = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("MQTTnet MqttConnectedClient: Client 'press-1': Error while receiving packets", entry.Text);
        Assert.Same(failure, entry.Exception);
    }

    [Fact]
    public void Routine_client_drops_and_traces_stay_below_the_apps_usual_level()
    {
        var log = new Recorder(LogLevel.Information);
        var forwarder = new MqttNetLogForwarder(log);

        forwarder.Publish(MqttNetLogLevel.Warning, "MqttConnectedClient", "Client '{0}': Communication exception while receiving packets", ["press-1"], new IOException("reset"));
        forwarder.Publish(MqttNetLogLevel.Info, "MqttConnectedClient", "Client '{0}': Session started", ["press-1"], null!);
        forwarder.Publish(MqttNetLogLevel.Verbose, "MqttChannelAdapter", "RX ({0} bytes) <<< {1}", [42, "PUBLISH"], null!);

        Assert.Empty(log.Entries);
        Assert.True(forwarder.IsEnabled); // MQTTnet checks this before its errors too
        Assert.False(new MqttNetLogForwarder(new Recorder(LogLevel.Error)).IsEnabled);
        var debug = new Recorder(LogLevel.Debug);
        new MqttNetLogForwarder(debug).Publish(MqttNetLogLevel.Warning, "MqttConnectedClient", "Client '{0}': dropped", ["press-1"], null!);
        Assert.Equal(LogLevel.Debug, Assert.Single(debug.Entries).Level);
    }
}
