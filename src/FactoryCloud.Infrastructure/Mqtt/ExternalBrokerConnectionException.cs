namespace FactoryCloud.Infrastructure.Mqtt;

/// <summary>A connection to the external broker failed or ended before it acknowledged anything.</summary>
public sealed class ExternalBrokerConnectionException(string message, Exception? inner = null) : Exception(message, inner);
