namespace FactoryCloud.Infrastructure.Mqtt;

/// <summary>The <c>Mqtt</c> section, for the broker inside the app (the embedded default).</summary>
public sealed class BuiltInBrokerOptions
{
    public const string Section = "Mqtt";

    public string BindAddress { get; set; } = "0.0.0.0";
    public int Port { get; set; } = 1883;
}
