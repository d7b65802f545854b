namespace FactoryCloud.Web.Features.Audit;

/// <summary>
/// Appends entries to the current tenant's audit trail: who (the signed-in user, by id and address), when (the clock),
/// from where (<see cref="ClientAddress"/>) and what. A change saved through EF adds its entry to the same context
/// with <see cref="AddAsync"/>, so the change and its entry are saved together or not at all.
/// </summary>
public sealed class AuditLog(CurrentTenant current, ClientAddress client, AppDbContextFactory contexts, TimeProvider clock)
{
    private (Guid UserId, string? Name)? _actor;

    /// <summary>Adds an entry for the signed-in user in the current tenant; the caller's <c>SaveChanges</c> writes it.</summary>
    public async Task AddAsync(AppDbContext db, AuditAction action, string target, string? details = null, CancellationToken ct = default)
    {
        var userId = current.UserId is { } id && id != Guid.Empty ? id : (Guid?)null;
        db.AuditEntries.Add(New(current.RequireTenantId(), action, userId, await ActorNameAsync(db, userId, ct), target, details));
    }

    /// <summary>Writes an entry on its own, for an action that changes no rows (an export).</summary>
    public async Task WriteAsync(AuditAction action, string target, string? details = null, CancellationToken ct = default)
    {
        await using var db = contexts.Create(current.Scope);
        await AddAsync(db, action, target, details, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Writes an entry into each of <paramref name="tenantIds"/> for someone who is not (yet) signed in: a sign-in or a
    /// failed one. The actor is named by the address they used.
    /// </summary>
    public async Task WriteForAsync(IEnumerable<Guid> tenantIds, AuditAction action, Guid? userId, string? actorName, string target, string? details = null, CancellationToken ct = default)
    {
        foreach (var tenantId in tenantIds.Distinct())
        {
            await using var db = contexts.Create(DataScope.ForTenant(tenantId, userId));
            db.AuditEntries.Add(New(tenantId, action, userId, actorName, target, details));
            await db.SaveChangesAsync(ct);
        }
    }

    private AuditEntry New(Guid tenantId, AuditAction action, Guid? userId, string? actorName, string target, string? details) => new()
    {
        TenantId = tenantId,
        OccurredAt = clock.GetUtcNow(),
        Action = action,
        ActorUserId = userId,
        ActorName = actorName is { Length: > 256 } ? actorName[..256] : actorName,
        Target = AuditEntry.Fit(target)!,
        Details = AuditEntry.Fit(details),
        IpAddress = client.Value,
    };

    private async Task<string?> ActorNameAsync(AppDbContext db, Guid? userId, CancellationToken ct)
    {
        if (userId is not { } id) return null;
        if (_actor is { } known && known.UserId == id) return known.Name;
        var name = await db.Users.Where(u => u.Id == id).Select(u => u.Email).FirstOrDefaultAsync(ct);
        _actor = (id, name);
        return name;
    }
}
