using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Mqtt;

namespace FactoryCloud.Web.Features.Plants;

/// <summary>
/// Where devices connect; what the onboarding page and the device credentials show. Unset, the port and TLS follow the
/// built-in broker's settings in the same section: its TLS port when it has a certificate, else its plain port.
/// </summary>
public sealed class MqttConnectionOptions
{
    public const string Section = "Mqtt";

    public string PublicHost { get; set; } = "localhost";
    public int? PublicPort { get; set; }

    /// <summary>Whether devices connect with TLS (an ingress elsewhere, as in Azure, says so here).</summary>
    public bool? PublicTls { get; set; }

    /// <summary>The built-in broker's own settings (<c>Mqtt:Port</c>, <c>Mqtt:Tls:*</c>).</summary>
    public int Port { get; set; } = 1883;
    public BrokerTlsOptions Tls { get; set; } = new();

    public bool UsesTls => PublicTls ?? Tls.Enabled;

    /// <summary>
    /// The port devices are told: <see cref="PublicPort"/> when set, else the port the built-in broker in this process
    /// actually listens on (its TLS port when devices use TLS; a configured 0 is bound to a free port), else the
    /// configured one. 0 stands for "this listener is not running here".
    /// </summary>
    public int PortShown(int listeningPlainPort = 0, int listeningTlsPort = 0) =>
        PublicPort ?? (UsesTls
            ? listeningTlsPort != 0 ? listeningTlsPort : Tls.Port
            : listeningPlainPort != 0 ? listeningPlainPort : Port);
}

/// <summary>Returned once, when credentials are issued or rotated: the password is not stored and cannot be shown again.</summary>
public sealed record DeviceCredentials(Guid DeviceId, string ClientId, string Username, string Password, string TopicPrefix, string Host, int Port, bool Tls = false);

public sealed record DeviceView(Guid Id, DeviceScopeKind ScopeKind, Guid ScopeId, string ClientId, string Username, string TopicPrefix,
    DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, DateTimeOffset? RevokedAt);

/// <summary>mosquitto's <c>password_file</c> and <c>acl_file</c> contents.</summary>
public sealed record MosquittoFiles(string PasswordFile, string AclFile);
