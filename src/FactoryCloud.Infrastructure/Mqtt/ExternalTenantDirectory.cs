using System.Collections.Concurrent;

namespace FactoryCloud.Infrastructure.Mqtt;

/// <summary>
/// Finds a tenant by the slug in a topic, for messages from an external broker (which already enforced the device's
/// scope with its ACL). Cached: the database is asked once per slug per few minutes, not once per message. An
/// organisation scheduled for deletion is not found (its messages are refused within <see cref="KnownLifetime"/>).
/// </summary>
public sealed class ExternalTenantDirectory(AppDbContextFactory contexts, TimeProvider clock, ILogger<ExternalTenantDirectory> logger)
{
    private static readonly TimeSpan KnownLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan UnknownLifetime = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, (Guid? TenantId, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    public async ValueTask<Guid?> FindAsync(string slug, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(slug, out var cached) && cached.Expires > now) return cached.TenantId;

        Guid tenantId;
        await using (var db = contexts.Create(DataScope.None))
            tenantId = await db.Tenants.Where(t => t.Slug == slug && t.DeletedAt == null).Select(t => t.Id).FirstOrDefaultAsync(ct);
        Guid? found = tenantId == Guid.Empty ? null : tenantId;
        if (found is null) logger.LogWarning("Messages for tenant slug '{Slug}' are refused: no such tenant", slug);
        if (_cache.Count >= MaxEntries) _cache.Clear();
        _cache[slug] = (found, now + (found is null ? UnknownLifetime : KnownLifetime));
        return found;
    }
}
