using FactoryCloud.Domain.Kpis;

namespace FactoryCloud.Web.Features.Kpis;

/// <summary>Reads and saves the current tenant's loss settings (one row, created on first save).</summary>
public sealed class KpiSettingsService(IDbContextFactory<AppDbContext> contexts, AuditLog audit)
{
    public async Task<KpiSettingsView> GetAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return KpiSettingsView.Of(await db.KpiSettings.AsNoTracking().FirstOrDefaultAsync(ct));
    }

    public async Task<OperationResult<KpiSettingsView>> SaveAsync(KpiSettingsRequest request, CancellationToken ct = default)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var settings = await db.KpiSettings.FirstOrDefaultAsync(ct);
        if (settings is null) db.KpiSettings.Add(settings = new KpiSettings());
        settings.SmallStopThresholdSeconds = request.SmallStopThresholdSeconds;
        settings.StartupPeriodSeconds = request.StartupPeriodSeconds;
        settings.IncludeTimeBeforeFirstData = request.IncludeTimeBeforeFirstData;
        settings.Rules = request.Rules
            .Select(r => r with { Reason = string.IsNullOrWhiteSpace(r.Reason) ? null : r.Reason.Trim() })
            .ToList();
        await audit.AddAsync(db, AuditAction.KpiSettingsChanged, "KPI loss settings",
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Small stops under {settings.SmallStopThresholdSeconds} s, start-up {settings.StartupPeriodSeconds} s, {settings.Rules.Count} state rule(s), time before first data {(settings.IncludeTimeBeforeFirstData ? "counted as no data" : "not planned")}"), ct);
        await db.SaveChangesAsync(ct);
        return KpiSettingsView.Of(settings);
    }
}
