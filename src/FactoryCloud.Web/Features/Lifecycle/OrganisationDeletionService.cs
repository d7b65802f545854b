using FactoryCloud.Infrastructure.Alerts;
using FactoryCloud.Infrastructure.Devices;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Lifecycle;

/// <summary>
/// An Owner deletes the current organisation (after typing its exact name) or restores it during the grace period. A
/// deletion is a soft delete (<see cref="TenantDeletion"/>): the data stays until <see cref="TenantPurgeJob"/> purges it.
/// Both are audited in the organisation's own trail; the devices are told at once, so connected ones are disconnected;
/// a restore wakes the notification worker for the notices that waited.
/// </summary>
public sealed class OrganisationDeletionService(
    IDbContextFactory<AppDbContext> contexts, CurrentTenant current, AuditLog audit, TimeProvider clock,
    IOptions<TenantDeletionOptions> options, DeviceCredentialChanges devices, AlertNotifications alerts)
{
    public async Task<OrganisationDeletionView?> GetAsync(CancellationToken ct = default)
    {
        if (current.TenantId is not { } tenantId) return null;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, ct);
        return tenant is null ? null : View(tenant);
    }

    public async Task<OperationResult<OrganisationDeletionView>> DeleteAsync(DeleteOrganisationRequest request, CancellationToken ct = default)
    {
        if (current.Role != TenantRole.Owner || current.TenantId is not { } tenantId || current.UserId is not { } userId)
            return Failure.Forbidden("Only Owners can delete the organisation.");
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId, ct);
        if (tenant is null) return Failure.NotFound("The organisation");
        if (!TenantDeletion.ConfirmationMatches(tenant.Name, request.Name))
            return Failure.Invalid(nameof(DeleteOrganisationRequest.Name), $"That is not the organisation's name. Type {tenant.Name} exactly to confirm.");
        if (tenant.IsScheduledForDeletion) return Failure.Conflict("The organisation is already scheduled for deletion.");

        TenantDeletion.MarkDeleted(tenant, userId, clock.GetUtcNow(), options.Value.GracePeriod);
        await audit.AddAsync(db, AuditAction.OrganisationDeleted, $"Organisation {tenant.Name}",
            $"Scheduled for deletion on {tenant.PurgeAfter!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC", ct);
        await db.SaveChangesAsync(ct);
        devices.Publish(tenantId); // connected devices are disconnected (their organisation no longer accepts them)
        return View(tenant);
    }

    public async Task<OperationResult<OrganisationDeletionView>> RestoreAsync(CancellationToken ct = default)
    {
        if (current.Role != TenantRole.Owner || current.TenantId is not { } tenantId)
            return Failure.Forbidden("Only Owners can restore the organisation.");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId, ct);
        if (tenant is null) return Failure.NotFound("The organisation");
        if (!tenant.IsScheduledForDeletion) return Failure.Conflict("The organisation is not scheduled for deletion.");
        if (TenantDeletion.IsDue(tenant, clock.GetUtcNow())) return Failure.Conflict("The organisation is being purged and can no longer be restored.");
        var was = tenant.PurgeAfter;
        TenantDeletion.Restore(tenant);
        await audit.AddAsync(db, AuditAction.OrganisationRestored, $"Organisation {tenant.Name}",
            $"Restored; it was to be purged on {was?.UtcDateTime:yyyy-MM-dd HH:mm} UTC", ct);
        await db.SaveChangesAsync(ct);
        alerts.Publish(tenantId); // the notification worker (here and in other processes) picks up the notices that waited
        return View(tenant);
    }

    private static OrganisationDeletionView View(Tenant tenant) => new(tenant.Name, tenant.IsScheduledForDeletion, tenant.DeletedAt, tenant.PurgeAfter);
}
