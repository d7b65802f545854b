using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Infrastructure.Mqtt;

/// <summary>
/// The <c>Mqtt:External</c> section: the broker (mosquitto, EMQX, ...) the ingestion worker subscribes to when
/// <c>Mqtt:Mode=External</c>. The worker keeps a persistent MQTT 5 session under a fixed client id and subscribes to
/// <c>$share/{SharedGroup}/fc/v1/#</c>, so several workers split the load and a restarted worker gets what arrived
/// meanwhile.
/// </summary>
public sealed class ExternalBrokerOptions
{
    public const string Section = "Mqtt:External";

    public string Host { get; set; } = "localhost";

    /// <summary>Defaults to 8883 with <see cref="UseTls"/>, else 1883.</summary>
    public int? Port { get; set; }

    /// <summary>
    /// Fixed per worker instance: the broker keeps this client's session (subscription and unacknowledged messages)
    /// across restarts. Two running workers must not share one. Default <c>fc-ingestion-&lt;machine name&gt;</c>.
    /// </summary>
    public string ClientId { get; set; } = "fc-ingestion-" + Environment.MachineName.ToLowerInvariant();

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The shared-subscription group; every worker of one deployment uses the same.</summary>
    public string SharedGroup { get; set; } = "fc-ingestion";

    public bool UseTls { get; set; }

    /// <summary>
    /// A TLS client certificate as base64 PKCS#12 (PFX, no password), e.g. for the Azure Event Grid MQTT broker; App
    /// Service resolves a Key Vault certificate reference to this form. Needs <see cref="UseTls"/>.
    /// </summary>
    public string? ClientCertificate { get; set; }

    /// <summary>How long the broker keeps the session (and queues messages) while the worker is away. Default 7 days, the contract's acceptance window.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(7);

    /// <summary>MQTT 5 Receive Maximum: how many unacknowledged messages the broker may hand this worker at once.</summary>
    public int ReceiveMaximum { get; set; } = 1000;

    /// <summary>First delay before reconnecting after a failure; doubled per failure up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan MinReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>On shutdown, how long messages already being ingested may take to finish (and be acknowledged).</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int EffectivePort => Port ?? (UseTls ? 8883 : 1883);

    /// <summary>The subscription: <c>$share/{SharedGroup}/fc/v1/#</c>.</summary>
    public string TopicFilter => $"$share/{SharedGroup}/{TelemetryContract.TopicPrefix}/{TelemetryContract.Version}/#";

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw Invalid("Mqtt:External:Host must be set.");
        if (EffectivePort is < 1 or > 65535) throw Invalid("Mqtt:External:Port must be between 1 and 65535.");
        if (string.IsNullOrWhiteSpace(ClientId)) throw Invalid("Mqtt:External:ClientId must not be empty.");
        if (string.IsNullOrWhiteSpace(SharedGroup) || SharedGroup.AsSpan().ContainsAny("/+#"))
            throw Invalid("Mqtt:External:SharedGroup must be non-empty and contain no '/', '+' or '#'.");
        if (ReceiveMaximum is < 1 or > ushort.MaxValue) throw Invalid("Mqtt:External:ReceiveMaximum must be between 1 and 65535.");
        if (SessionExpiry < TimeSpan.FromMinutes(1) || SessionExpiry.TotalSeconds > uint.MaxValue)
            throw Invalid("Mqtt:External:SessionExpiry must be at least one minute (the session must outlive a restart).");
        if (!string.IsNullOrWhiteSpace(ClientCertificate) && !UseTls)
            throw Invalid("Mqtt:External:ClientCertificate needs Mqtt:External:UseTls=true.");
        if (!string.IsNullOrWhiteSpace(ClientCertificate) && !Convert.TryFromBase64String(ClientCertificate, new byte[ClientCertificate.Length], out _))
            throw Invalid("Mqtt:External:ClientCertificate must be a base64 PFX (PKCS#12) certificate.");
        if (MinReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay < MinReconnectDelay)
            throw Invalid("Mqtt:External:MinReconnectDelay must be positive and at most MaxReconnectDelay.");
    }

    private static Configuration.InvalidSettingException Invalid(string message) => new(message);
}
