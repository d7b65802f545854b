using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Audit;

/// <summary>
/// One security-relevant action in a tenant: who did it, when, from where, and to what. Entries are only ever added
/// (<see cref="IAppendOnly"/>). The actor's address is copied, so an entry still names them after the account is gone.
/// </summary>
public sealed class AuditEntry : ITenantOwned, IAppendOnly
{
    public const int TextLength = 400;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public AuditAction Action { get; set; }

    /// <summary>The signed-in user who acted; null when nobody is signed in (a failed sign-in names the account tried).</summary>
    public Guid? ActorUserId { get; set; }

    /// <summary>The actor's email address as it was at the time (for a failed sign-in: the address that was entered).</summary>
    public string? ActorName { get; set; }

    /// <summary>What was acted on, in words: "member ana@example.com", "alert rule Press down".</summary>
    public required string Target { get; set; }

    /// <summary>What changed: "Viewer → Admin", the export's file name.</summary>
    public string? Details { get; set; }

    /// <summary>The remote address of the connection the action came over (no forwarded headers are trusted).</summary>
    public string? IpAddress { get; set; }

    /// <summary>Cuts <paramref name="text"/> to what the columns hold.</summary>
    public static string? Fit(string? text) => text is { Length: > TextLength } ? text[..(TextLength - 1)] + "…" : text;
}
