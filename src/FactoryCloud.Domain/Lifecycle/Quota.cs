namespace FactoryCloud.Domain.Lifecycle;

/// <summary>What a plan limits. The names are part of the API (problem <c>type</c>s and usage): never rename.</summary>
public enum Quota
{
    Sites,
    Machines,
    Devices,
    Members,
    MessagesPerDay,
    StorageBytes,
}

/// <summary>A plan's limits; null is unlimited.</summary>
public sealed record PlanLimits(long? Sites, long? Machines, long? Devices, long? Members, long? MessagesPerDay, long? StorageBytes)
{
    public static PlanLimits Unlimited { get; } = new(null, null, null, null, null, null);

    public long? Of(Quota quota) => quota switch
    {
        Quota.Sites => Sites,
        Quota.Machines => Machines,
        Quota.Devices => Devices,
        Quota.Members => Members,
        Quota.MessagesPerDay => MessagesPerDay,
        Quota.StorageBytes => StorageBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(quota), quota, "Unknown quota."),
    };
}

public static class Quotas
{
    /// <summary>The problem-details <c>type</c> of a refusal for <paramref name="quota"/>.</summary>
    public static string ProblemType(this Quota quota) => "urn:factorycloud:quota-exceeded:" + quota.Name();

    /// <summary>The quota's API name, camel case (<c>messagesPerDay</c>).</summary>
    public static string Name(this Quota quota)
    {
        var name = quota.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static string Describe(this Quota quota) => quota switch
    {
        Quota.Sites => "sites",
        Quota.Machines => "machines",
        Quota.Devices => "device credentials",
        Quota.Members => "members (with pending invitations)",
        Quota.MessagesPerDay => "telemetry messages per UTC day",
        Quota.StorageBytes => "bytes of stored data (raw telemetry and uploaded files)",
        _ => quota.ToString(),
    };

    /// <summary>Whether adding <paramref name="adding"/> to <paramref name="used"/> stays within <paramref name="limit"/>.</summary>
    public static bool Allows(long? limit, long used, long adding = 1) => limit is not { } max || used + adding <= max;
}
