using System.Net;
using FactoryCloud.Infrastructure.Configuration;

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

    /// <summary>The plain (unencrypted) MQTT port.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Plain MQTT on <see cref="Port"/>. Unset: only when <see cref="BindAddress"/> is a loopback address.</summary>
    public bool? AllowPlain { get; set; }

    public BrokerTlsOptions Tls { get; set; } = new();
    public BrokerLimits Limits { get; set; } = new();

    public bool PlainEnabled => AllowPlain ?? IsLoopback;

    public bool IsLoopback => IPAddress.TryParse(BindAddress, out var address) && IPAddress.IsLoopback(address);

    public void Validate()
    {
        if (Mode != MqttMode.BuiltIn) return;
        if (!IPAddress.TryParse(BindAddress, out _))
            throw new InvalidSettingException($"Mqtt:BindAddress '{BindAddress}' is not an IP address (for example 127.0.0.1 or 0.0.0.0).");
        if (Port is < 0 or > 65535) throw new InvalidSettingException($"Mqtt:Port {Port} is not a TCP port.");
        Tls.Validate();
        if (!PlainEnabled && !Tls.Enabled)
            throw new InvalidSettingException(
                $"Mqtt:Tls:CertificatePath (or Mqtt:Tls:KeyVaultSecretUri) is not set and plain MQTT is off on {BindAddress}, which is not loopback: " +
                "set a TLS certificate, bind to loopback (Mqtt:BindAddress=127.0.0.1), or allow plain MQTT explicitly (Mqtt:AllowPlain=true).");
        if (PlainEnabled && Tls.Enabled && Port == Tls.Port && Port != 0)
            throw new InvalidSettingException($"Mqtt:Port and Mqtt:Tls:Port are both {Port}; plain and TLS MQTT need two ports.");
        Limits.Validate();
    }
}

/// <summary>
/// <c>Mqtt:Tls</c>: MQTT over TLS with a certificate from a PFX or PEM file, or from a Key Vault secret (a Key Vault
/// certificate's secret holds its private key).
/// </summary>
public sealed class BrokerTlsOptions
{
    public int Port { get; set; } = 8883;

    /// <summary>A PFX (PKCS #12) file, or a PEM certificate (chain) with the key in <see cref="KeyPath"/> or in the same file.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX's password, or the PEM key's password when it is encrypted.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>A PEM private key, for a PEM <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary><c>https://VAULT.vault.azure.net/secrets/NAME[/VERSION]</c>, read with <c>DefaultAzureCredential</c>.</summary>
    public string? KeyVaultSecretUri { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(KeyVaultSecretUri);

    public void Validate()
    {
        if (!string.IsNullOrWhiteSpace(CertificatePath) && !string.IsNullOrWhiteSpace(KeyVaultSecretUri))
            throw new InvalidSettingException("Mqtt:Tls:CertificatePath and Mqtt:Tls:KeyVaultSecretUri are both set; set one.");
        if (!string.IsNullOrWhiteSpace(KeyPath) && string.IsNullOrWhiteSpace(CertificatePath))
            throw new InvalidSettingException("Mqtt:Tls:KeyPath is set without Mqtt:Tls:CertificatePath (the PEM certificate it belongs to).");
        if (!string.IsNullOrEmpty(CertificatePassword) && string.IsNullOrWhiteSpace(CertificatePath))
            throw new InvalidSettingException("Mqtt:Tls:CertificatePassword is set without Mqtt:Tls:CertificatePath.");
        if (!string.IsNullOrWhiteSpace(KeyVaultSecretUri)
            && (!Uri.TryCreate(KeyVaultSecretUri, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !uri.AbsolutePath.StartsWith("/secrets/", StringComparison.Ordinal)))
            throw new InvalidSettingException($"Mqtt:Tls:KeyVaultSecretUri '{KeyVaultSecretUri}' is not a Key Vault secret URI (https://VAULT.vault.azure.net/secrets/NAME).");
        if (Port is < 0 or > 65535) throw new InvalidSettingException($"Mqtt:Tls:Port {Port} is not a TCP port.");
        if (!string.IsNullOrWhiteSpace(CertificatePath) && !File.Exists(CertificatePath))
            throw new InvalidSettingException($"Mqtt:Tls:CertificatePath '{CertificatePath}' does not exist.");
        if (!string.IsNullOrWhiteSpace(KeyPath) && !File.Exists(KeyPath))
            throw new InvalidSettingException($"Mqtt:Tls:KeyPath '{KeyPath}' does not exist.");
    }
}

/// <summary><c>Mqtt:Limits</c>: what one client, device or tenant may cost the broker.</summary>
public sealed class BrokerLimits
{
    /// <summary>The largest MQTT packet read (CONNECT, PUBLISH, ...): a larger one is refused from its fixed header, unread.</summary>
    public int MaxPacketSize { get; set; } = 16 * 1024;

    /// <summary>Connected devices per tenant, across this broker process.</summary>
    public int MaxConnectionsPerTenant { get; set; } = 1000;

    /// <summary>Sustained PUBLISH rate per device connection; a burst of one second's worth is allowed.</summary>
    public int MessagesPerSecondPerDevice { get; set; } = 20_000;

    /// <summary>How long a verified (username, password) stays verified without hashing it again.</summary>
    public TimeSpan CredentialCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Password hashes (PBKDF2) one client address may cause per second; a connect over it is refused unhashed.</summary>
    public int PasswordChecksPerSecondPerAddress { get; set; } = 10;

    /// <summary>Failed connects from one address, or for one username, before it is locked out for <see cref="LockoutDuration"/>.</summary>
    public int FailuresPerAddress { get; set; } = 20;

    public int FailuresPerUsername { get; set; } = 10;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(1);

    public void Validate()
    {
        Positive(MaxPacketSize, "Mqtt:Limits:MaxPacketSize");
        if (MaxPacketSize < 1024) throw new InvalidSettingException("Mqtt:Limits:MaxPacketSize must be at least 1024 bytes (a CONNECT needs room for its credentials).");
        Positive(MaxConnectionsPerTenant, "Mqtt:Limits:MaxConnectionsPerTenant");
        Positive(MessagesPerSecondPerDevice, "Mqtt:Limits:MessagesPerSecondPerDevice");
        Positive(PasswordChecksPerSecondPerAddress, "Mqtt:Limits:PasswordChecksPerSecondPerAddress");
        Positive(FailuresPerAddress, "Mqtt:Limits:FailuresPerAddress");
        Positive(FailuresPerUsername, "Mqtt:Limits:FailuresPerUsername");
        if (CredentialCacheDuration < TimeSpan.Zero) throw new InvalidSettingException("Mqtt:Limits:CredentialCacheDuration must not be negative.");
        if (LockoutDuration <= TimeSpan.Zero) throw new InvalidSettingException("Mqtt:Limits:LockoutDuration must be positive.");
    }

    private static void Positive(int value, string setting)
    {
        if (value <= 0) throw new InvalidSettingException($"{setting} must be at least 1 (it is {value}).");
    }
}
