using FactoryCloud.Domain.Kpis;

namespace FactoryCloud.Infrastructure.Telemetry;

/// <summary>
/// The tenant's KPI settings as both sides of the telemetry module use them: the store classifies loss episodes with
/// them (through <see cref="Store.TelemetrySettingsCache"/>), the KPI queries evaluate with them. A tenant without a
/// settings row gets the defaults.
/// </summary>
internal static class TenantKpiSettings
{
    public static async Task<(LossSettings Losses, bool IncludeTimeBeforeFirstData)> ReadAsync(AppDbContext db, CancellationToken ct)
    {
        var row = await db.KpiSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        return (row?.ToLossSettings() ?? LossSettings.Default, row?.IncludeTimeBeforeFirstData ?? false);
    }
}
