using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Web.Features.Plants;

/// <summary>Where devices connect; what the onboarding page and the device credentials show.</summary>
public sealed class MqttConnectionOptions
{
    public const string Section = "Mqtt";

    public string PublicHost { get; set; } = "localhost";
    public int PublicPort { get; set; } = 1883;
}

/// <summary>Returned once, when credentials are issued or rotated: the password is not stored and cannot be shown again.</summary>
public sealed record DeviceCredentials(Guid DeviceId, string ClientId, string Username, string Password, string TopicPrefix, string Host, int Port);

public sealed record DeviceView(Guid Id, DeviceScopeKind ScopeKind, Guid ScopeId, string ClientId, string Username, string TopicPrefix,
    DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt, DateTimeOffset? RevokedAt);

/// <summary>mosquitto's <c>password_file</c> and <c>acl_file</c> contents.</summary>
public sealed record MosquittoFiles(string PasswordFile, string AclFile);
