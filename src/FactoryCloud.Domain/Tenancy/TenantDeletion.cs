namespace FactoryCloud.Domain.Tenancy;

/// <summary>
/// Deleting an organisation: an Owner confirms by typing its exact name; it is soft-deleted (<see cref="Tenant.DeletedAt"/>)
/// and kept for a grace period (<see cref="DefaultGracePeriod"/>) during which an Owner can restore it; after
/// <see cref="Tenant.PurgeAfter"/> the purge job deletes everything it owns.
/// </summary>
public static class TenantDeletion
{
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromDays(30);

    /// <summary>Problem details <c>reason</c> of an API call refused because the organisation is scheduled for deletion.</summary>
    public const string Reason = "organisation-scheduled-for-deletion";

    /// <summary>The typed confirmation matches the organisation's name exactly (case and inner spaces included; surrounding spaces ignored).</summary>
    public static bool ConfirmationMatches(string organisationName, string? typed) =>
        typed is not null && string.Equals(typed.Trim(), organisationName.Trim(), StringComparison.Ordinal);

    /// <summary>Marks <paramref name="tenant"/> deleted at <paramref name="now"/>, to be purged after <paramref name="gracePeriod"/>.</summary>
    public static void MarkDeleted(Tenant tenant, Guid byUserId, DateTimeOffset now, TimeSpan gracePeriod)
    {
        if (tenant.IsScheduledForDeletion) return;
        tenant.DeletedAt = now;
        tenant.DeletedByUserId = byUserId;
        tenant.PurgeAfter = now + gracePeriod;
    }

    public static void Restore(Tenant tenant)
    {
        tenant.DeletedAt = null;
        tenant.DeletedByUserId = null;
        tenant.PurgeAfter = null;
    }

    /// <summary>Whether the purge may run now: deleted and past its purge date.</summary>
    public static bool IsDue(Tenant tenant, DateTimeOffset now) => tenant.IsScheduledForDeletion && tenant.PurgeAfter is { } after && after <= now;

    /// <summary>The sentence members see (the hold page, the API's problem details).</summary>
    public static string Detail(string organisation, DateTimeOffset purgeAfter) =>
        $"The organisation {organisation} is scheduled for deletion on {purgeAfter.UtcDateTime:yyyy-MM-dd HH:mm} UTC. Until then an Owner can restore it.";
}
