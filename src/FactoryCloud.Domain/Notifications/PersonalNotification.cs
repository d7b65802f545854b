using FactoryCloud.Domain.Common;

namespace FactoryCloud.Domain.Notifications;

/// <summary>What a personal notice tells a member about (each member chooses a channel per kind).</summary>
public enum PersonalNoticeKind
{
    /// <summary>A work item was assigned to them.</summary>
    Assigned,

    /// <summary>Someone mentioned them (<c>@name</c>) in a comment.</summary>
    Mentioned,

    /// <summary>A work item they watch changed status (column).</summary>
    WatchedStatus,

    /// <summary>A sprint of their team started or closed.</summary>
    Sprint,

    /// <summary>An alert rule that names them raised, acknowledged, cleared or closed an alert.</summary>
    Alert,
}

/// <summary>
/// How a member wants one kind of notice: <see cref="InApp"/> in the notification centre only, <see cref="Email"/> an
/// email as well (the notice is in the centre too), <see cref="None"/> nothing at all.
/// </summary>
public enum PersonalChannel
{
    InApp,
    Email,
    None,
}

/// <summary>
/// One notice to one member, in their notification centre (the bell). Written in the same save as the change it tells
/// of; never for the member who made the change.
/// </summary>
public sealed class PersonalNotification : ITenantOwned
{
    public const int TitleMaxLength = 300;
    public const int TextMaxLength = 1000;
    public const int LinkMaxLength = 400;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    /// <summary>Who is told.</summary>
    public Guid UserId { get; set; }

    public PersonalNoticeKind Kind { get; set; }
    public required string Title { get; set; }
    public string Text { get; set; } = "";

    /// <summary>Relative address of what it is about (a work item, a sprint, an alert), e.g. <c>/backlogs/items/{id}</c>.</summary>
    public required string Link { get; set; }

    public Guid? WorkItemId { get; set; }

    /// <summary>Who did it (null for the system, e.g. an alert).</summary>
    public Guid? ActorId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>
/// A member's choices in one organisation: a channel per kind of notice, and the daily digest. A member without a row
/// has <see cref="Defaults"/>. <see cref="LastDigestAt"/> records the last digest sent, so a restart never sends it twice.
/// </summary>
public sealed class NotificationPreference : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public PersonalChannel Assigned { get; set; } = PersonalChannel.Email;
    public PersonalChannel Mentioned { get; set; } = PersonalChannel.Email;
    public PersonalChannel WatchedStatus { get; set; } = PersonalChannel.InApp;
    public PersonalChannel Sprint { get; set; } = PersonalChannel.InApp;
    public PersonalChannel Alert { get; set; } = PersonalChannel.Email;

    /// <summary>One email a day with the unread notices of the last day.</summary>
    public bool DailyDigest { get; set; }

    /// <summary>When the last digest was made (sent, or found nothing to send).</summary>
    public DateTimeOffset? LastDigestAt { get; set; }

    public static NotificationPreference Defaults(Guid tenantId, Guid userId) => new() { TenantId = tenantId, UserId = userId };

    public PersonalChannel For(PersonalNoticeKind kind) => kind switch
    {
        PersonalNoticeKind.Assigned => Assigned,
        PersonalNoticeKind.Mentioned => Mentioned,
        PersonalNoticeKind.WatchedStatus => WatchedStatus,
        PersonalNoticeKind.Sprint => Sprint,
        _ => Alert,
    };
}
