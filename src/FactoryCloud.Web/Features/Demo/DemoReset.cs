using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Demo;

/// <summary>"Reset demo data": only the demo organisation's Owners, only while the demo is enabled.</summary>
public sealed class DemoReset(CurrentTenant current, AppDbContextFactory contexts, IOptions<DemoOptions> options, DemoContent content)
{
    /// <summary>True when the current tenant is the demo organisation (the page shows the action only then).</summary>
    public async Task<bool> IsDemoTenantAsync(CancellationToken ct) =>
        options.Value.Enabled && current.TenantId is { } tenant
        && (await DemoOrganisation.FindAsync(contexts, options.Value.Email, ct))?.TenantId == tenant;

    public async Task<OperationResult> ResetAsync(CancellationToken ct)
    {
        // Another organisation is not told that a demo exists: 404, as for anything of another tenant.
        if (!await IsDemoTenantAsync(ct)) return Failure.NotFound("The demo organisation");
        if (current.Role != TenantRole.Owner) return Failure.Forbidden("Only Owners of the demo organisation can reset its data.");
        await content.ResetAsync(ct);
        return OperationResult.Success;
    }
}
