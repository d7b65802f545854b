using FactoryCloud.Domain.Maturity.Evidence;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Mqtt;
using FactoryCloud.Web.Features.Plants;

namespace FactoryCloud.Web.Features.Maturity.Evidence;

// Cybersecurity: device credentials, the broker's TLS, the audit trail.
public sealed partial class EvidenceFactGatherer
{
    private async Task<CybersecurityFacts> SecurityAsync(AppDbContext db, EvidenceScope scope, DateTimeOffset now, CancellationToken ct)
    {
        var devices = (await db.Devices.Where(d => d.RevokedAt == null).Select(d => new { d.ScopeKind, d.ScopeId, d.CreatedAt, d.RotatedAt }).ToListAsync(ct))
            .Where(d => scope.Covers(d.ScopeKind, d.ScopeId)).ToList();
        var staleBefore = now.AddDays(-CybersecurityFacts.StaleAfterDays);
        var auditSince = now - EvidenceWindows.Trend;
        var audit = await db.AuditEntries.CountAsync(e => e.OccurredAt >= auditSince, ct);
        // The organisation's own setting (Tenant.RequireTwoFactor): it covers FactoryCloud passwords; Entra sign-ins
        // follow the customer's Entra policies, which the product cannot see.
        var twoFactorRequired = await db.Tenants.Where(t => t.Id == db.Scope.TenantId).Select(t => t.RequireTwoFactor).FirstOrDefaultAsync(ct);
        return new CybersecurityFacts(
            devices.Count, devices.Count(d => d.ScopeKind == DeviceScopeKind.Machine), devices.Count(d => (d.RotatedAt ?? d.CreatedAt) < staleBefore),
            TlsInUse(broker.Value, connection.Value, externalBroker.Value), TwoFactorRequired: twoFactorRequired, audit);
    }

    /// <summary>
    /// Devices reach the broker over TLS. With an external broker: it is reached with TLS. Otherwise what devices are
    /// told with their credentials (<see cref="MqttConnectionOptions.UsesTls"/>): the built-in broker's certificate, or,
    /// where this process hosts no broker (the web app beside an MQTT ingress, as deployed in Azure), <c>Mqtt:PublicTls</c>.
    /// </summary>
    public static bool TlsInUse(BuiltInBrokerOptions broker, MqttConnectionOptions connection, ExternalBrokerOptions external) => broker.Mode switch
    {
        MqttMode.External => external.UseTls,
        _ => connection.UsesTls,
    };
}
