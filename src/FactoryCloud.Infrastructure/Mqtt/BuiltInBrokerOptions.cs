namespace FactoryCloud.Infrastructure.Mqtt;

public enum MqttMode
{
    /// <summary>The broker inside the app (the embedded default).</summary>
    BuiltIn,

    /// <summary>An external broker (mosquitto, EMQX, Azure Event Grid) that the ingestion worker subscribes to.</summary>
    External,

    /// <summary>No MQTT in this process (a web instance behind an ingestion worker, or tests).</summary>
    None,
}

/// <summary>The <c>Mqtt</c> section.</summary>
public sealed class BuiltInBrokerOptions
{
    public const string Section = "Mqtt";

    public MqttMode Mode { get; set; } = MqttMode.BuiltIn;
    public string BindAddress { get; set; } = "0.0.0.0";
    public int Port { get; set; } = 1883;
}
