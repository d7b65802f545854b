using FactoryCloud.Domain.AccessTokens;
using FactoryCloud.Domain.Notifications;
using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Web.Features.Lifecycle.Export;

/// <summary>
/// Columns a tenant export leaves out: secrets and what stands in for them. A hash is not the secret, but it lets
/// whoever holds it test guesses offline (device passwords) or, for tokens, match a stolen token; a webhook secret is
/// the secret itself. Everything else of a tenant-owned row is exported. <c>TenantExportTests</c> fails for a
/// tenant-owned column whose name says it holds a secret (hash, secret, password, token) and is not listed here.
/// Accounts (users, their password hashes, refresh tokens) are shared, not tenant-owned, and never exported.
/// </summary>
public static class TenantExportExclusions
{
    public sealed record Exclusion(Type Entity, string Column, string Why);

    public static readonly IReadOnlyList<Exclusion> All =
    [
        new(typeof(Device), nameof(Device.PasswordHash), "Device credentials' password hash (secret); issue new credentials instead."),
        new(typeof(PersonalAccessToken), nameof(PersonalAccessToken.TokenHash), "Hash of a personal access token (secret)."),
        new(typeof(Invitation), nameof(Invitation.TokenHash), "Hash of an invitation link's token (secret)."),
        new(typeof(Webhook), nameof(Webhook.Secret), "The webhook's signing secret."),
    ];

    public static bool IsExcluded(Type entity, string column) => All.Any(e => e.Entity == entity && e.Column == column);
}
