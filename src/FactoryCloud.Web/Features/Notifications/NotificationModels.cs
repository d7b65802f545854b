using System.ComponentModel.DataAnnotations;
using FactoryCloud.Domain.Notifications;

namespace FactoryCloud.Web.Features.Notifications;

public sealed record NotificationView(
    Guid Id, PersonalNoticeKind Kind, string Title, string Text, string Link, Guid? WorkItemId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public bool Read => ReadAt is not null;
}

public sealed record NotificationList(IReadOnlyList<NotificationView> Items, int Total, int Unread);

public sealed record MarkedRead(int Marked);

/// <summary>The centre's filters: unread only, one kind; newest first, <see cref="Take"/> at a time.</summary>
public sealed class NotificationQuery
{
    public bool UnreadOnly { get; set; }
    public PersonalNoticeKind? Kind { get; set; }

    [Range(0, int.MaxValue, ErrorMessage = "Skip must be 0 or more.")]
    public int Skip { get; set; }

    [Range(1, 200, ErrorMessage = "Take between 1 and 200 notifications.")]
    public int Take { get; set; } = 50;
}

/// <summary>A member's choices: a channel per kind of notice, and the daily digest (GET and PUT of the same shape).</summary>
public sealed class NotificationPreferencesRequest
{
    [EnumDataType(typeof(PersonalChannel), ErrorMessage = "Choose InApp, Email or None.")]
    public PersonalChannel Assigned { get; set; } = PersonalChannel.Email;

    [EnumDataType(typeof(PersonalChannel), ErrorMessage = "Choose InApp, Email or None.")]
    public PersonalChannel Mentioned { get; set; } = PersonalChannel.Email;

    [EnumDataType(typeof(PersonalChannel), ErrorMessage = "Choose InApp, Email or None.")]
    public PersonalChannel WatchedStatus { get; set; } = PersonalChannel.InApp;

    [EnumDataType(typeof(PersonalChannel), ErrorMessage = "Choose InApp, Email or None.")]
    public PersonalChannel Sprint { get; set; } = PersonalChannel.InApp;

    [EnumDataType(typeof(PersonalChannel), ErrorMessage = "Choose InApp, Email or None.")]
    public PersonalChannel Alert { get; set; } = PersonalChannel.Email;

    public bool DailyDigest { get; set; }

    public static NotificationPreferencesRequest From(NotificationPreference p) => new()
    {
        Assigned = p.Assigned, Mentioned = p.Mentioned, WatchedStatus = p.WatchedStatus, Sprint = p.Sprint, Alert = p.Alert, DailyDigest = p.DailyDigest,
    };

    public void ApplyTo(NotificationPreference p) =>
        (p.Assigned, p.Mentioned, p.WatchedStatus, p.Sprint, p.Alert, p.DailyDigest) = (Assigned, Mentioned, WatchedStatus, Sprint, Alert, DailyDigest);
}

public sealed record WatchView(Guid WorkItemId, bool Watching, int Watchers);

/// <summary>A member the comment box suggests for an <c>@</c> mention.</summary>
public sealed record MentionCandidate(Guid UserId, string Name);

public static class NoticeKindText
{
    public static string Label(PersonalNoticeKind kind) => kind switch
    {
        PersonalNoticeKind.Assigned => "Assigned to me",
        PersonalNoticeKind.Mentioned => "Mentioned",
        PersonalNoticeKind.WatchedStatus => "Watched item status",
        PersonalNoticeKind.Sprint => "Sprint started or closed",
        _ => "Alerts",
    };

    public static string Label(PersonalChannel channel) => channel switch
    {
        PersonalChannel.InApp => "In-app",
        PersonalChannel.Email => "Email and in-app",
        _ => "None",
    };
}
