namespace FactoryCloud.Web.Features.Audit;

/// <summary>What the audit trail is narrowed to; every part is optional. <c>From</c> is inclusive, <c>To</c> exclusive.</summary>
/// <param name="Actor">Part of the actor's address (any case).</param>
/// <param name="Text">Part of the target or details (any case).</param>
public sealed record AuditFilter(AuditAction? Action = null, string? Actor = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Text = null);

public sealed record AuditEntryView(
    Guid Id, DateTimeOffset OccurredAt, AuditAction Action, Guid? ActorUserId, string? Actor, string Target, string? Details, string? IpAddress);

public sealed record AuditEntryPage(IReadOnlyList<AuditEntryView> Items, int Total, int Page, int PageSize);
