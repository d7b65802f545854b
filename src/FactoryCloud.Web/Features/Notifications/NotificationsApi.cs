using FactoryCloud.Domain.Notifications;
using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Notifications;

/// <summary>
/// The signed-in member's notification centre, preferences and watches. Each call is about the caller only: another
/// member's notice, or another organisation's, or a work item of another organisation answers 404.
/// </summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Notifications").RequireAuthorization(TenantPolicies.Member);

        group.MapGet("/notifications", async (bool? unread, PersonalNoticeKind? kind, int? skip, int? take, NotificationCentreService s, CancellationToken ct) =>
            (await s.ListAsync(new NotificationQuery { UnreadOnly = unread == true, Kind = kind, Skip = skip ?? 0, Take = take ?? 50 }, ct)).ToResult(TypedResults.Ok));
        group.MapPost("/notifications/{id:guid}/read", async (Guid id, NotificationCentreService s, CancellationToken ct) =>
            (await s.MarkReadAsync(id, true, ct)).ToResult(TypedResults.Ok));
        group.MapPost("/notifications/{id:guid}/unread", async (Guid id, NotificationCentreService s, CancellationToken ct) =>
            (await s.MarkReadAsync(id, false, ct)).ToResult(TypedResults.Ok));
        group.MapPost("/notifications/read-all", async (NotificationCentreService s, CancellationToken ct) =>
            (await s.MarkAllReadAsync(ct)).ToResult(TypedResults.Ok));

        group.MapGet("/account/notification-preferences", async (NotificationCentreService s, CancellationToken ct) =>
            (await s.GetPreferencesAsync(ct)).ToResult(TypedResults.Ok));
        group.MapPut("/account/notification-preferences", async (NotificationPreferencesRequest body, NotificationCentreService s, CancellationToken ct) =>
            (await s.SavePreferencesAsync(body, ct)).ToResult(TypedResults.Ok));

        group.MapGet("/items/{id:guid}/watch", async (Guid id, NotificationCentreService s, CancellationToken ct) =>
            (await s.GetWatchAsync(id, ct)).ToResult(TypedResults.Ok));
        group.MapPut("/items/{id:guid}/watch", async (Guid id, NotificationCentreService s, CancellationToken ct) =>
            (await s.SetWatchAsync(id, true, ct)).ToResult(TypedResults.Ok));
        group.MapDelete("/items/{id:guid}/watch", async (Guid id, NotificationCentreService s, CancellationToken ct) =>
            (await s.SetWatchAsync(id, false, ct)).ToResult(TypedResults.Ok));
        return api;
    }
}
