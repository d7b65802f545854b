using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Audit;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Common;
using FactoryCloud.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.Web.Features.Alerts;

/// <summary>Creates, reads, changes and deletes the current tenant's alert rules. Writes: Owners, Admins and Plant managers.</summary>
public sealed class AlertRuleService(IDbContextFactory<AppDbContext> contexts, CurrentTenant current, AuditLog audit, TimeProvider clock)
{
    private const string ManageOnly = "Only Owners, Admins and Plant managers can change alert rules.";

    public async Task<IReadOnlyList<AlertRuleView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rules = await db.AlertRules.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        var names = (await ScopeOptionsAsync(db, ct)).ToDictionary(o => o.Id, o => o.Name);
        return rules.Select(r => ToView(r, names)).ToList();
    }

    public async Task<AlertRuleView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.AlertRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } rule) return null;
        return ToView(rule, (await ScopeOptionsAsync(db, ct)).ToDictionary(o => o.Id, o => o.Name));
    }

    /// <summary>Every site, line and machine of the tenant a rule can watch, by kind then name.</summary>
    public async Task<IReadOnlyList<AlertScopeOption>> ScopeOptionsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ScopeOptionsAsync(db, ct);
    }

    public Task<OperationResult<AlertRuleView>> CreateAsync(AlertRuleRequest request, CancellationToken ct = default) =>
        WriteAsync(request, AuditAction.AlertRuleCreated, async db =>
        {
            var rule = new AlertRule { Name = request.Name.Trim(), CreatedAt = clock.GetUtcNow() };
            Apply(rule, request);
            db.AlertRules.Add(rule);
            return rule;
        }, ct);

    public Task<OperationResult<AlertRuleView>> UpdateAsync(Guid id, AlertRuleRequest request, CancellationToken ct = default) =>
        WriteAsync(request, AuditAction.AlertRuleChanged, async db =>
        {
            if (await db.AlertRules.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } rule) return Failure.NotFound("The alert rule");
            rule.Name = request.Name.Trim();
            Apply(rule, request);
            return rule;
        }, ct);

    /// <summary>Deletes the rule and its alerts.</summary>
    public async Task<OperationResult> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (current.Role?.CanManagePlants() != true) return Failure.Forbidden(ManageOnly);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.AlertRules.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } rule) return Failure.NotFound("The alert rule");
        db.AlertRules.Remove(rule);
        await audit.AddAsync(db, AuditAction.AlertRuleDeleted, $"Alert rule {rule.Name}", null, ct);
        await db.SaveChangesAsync(ct);
        return OperationResult.Success;
    }

    /// <summary>Validates and checks the role; saves what <paramref name="write"/> prepared only if the scope exists in this tenant.</summary>
    private async Task<OperationResult<AlertRuleView>> WriteAsync(
        AlertRuleRequest request, AuditAction action, Func<AppDbContext, Task<OperationResult<AlertRule>>> write, CancellationToken ct)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        if (current.Role?.CanManagePlants() != true) return Failure.Forbidden(ManageOnly);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var written = await write(db);
        if (written.Failure is { } failure) return failure;
        var names = (await ScopeOptionsAsync(db, ct)).Where(o => o.Kind == request.ScopeKind).ToDictionary(o => o.Id, o => o.Name);
        if (!names.ContainsKey(request.ScopeId))
            return Failure.Invalid(nameof(AlertRuleRequest.ScopeId), $"No {request.ScopeKind.ToString().ToLowerInvariant()} with this id exists.");
        var view = ToView(written.Value!, names);
        await audit.AddAsync(db, action, $"Alert rule {view.Name}",
            $"{view.Condition} on {view.ScopeKind.ToString().ToLowerInvariant()} {view.ScopeName}{(view.Enabled ? "" : " (disabled)")}", ct);
        await db.SaveChangesAsync(ct);
        return view;
    }

    private static void Apply(AlertRule rule, AlertRuleRequest request)
    {
        rule.Kind = request.Kind;
        rule.ScopeKind = request.ScopeKind;
        rule.ScopeId = request.ScopeId;
        rule.DurationMinutes = request.DurationMinutes;
        rule.Threshold = request.UsesThreshold ? request.Threshold : null;
        rule.MeasureName = request.UsesMeasure ? request.MeasureName : null;
        rule.Enabled = request.Enabled;
    }

    private static async Task<List<AlertScopeOption>> ScopeOptionsAsync(AppDbContext db, CancellationToken ct)
    {
        var sites = await db.Sites.OrderBy(s => s.Name).Select(s => new AlertScopeOption(AlertScopeKind.Site, s.Id, s.Name)).ToListAsync(ct);
        var lines = await db.Lines.OrderBy(l => l.Name).Select(l => new AlertScopeOption(AlertScopeKind.Line, l.Id, l.Name)).ToListAsync(ct);
        var machines = await db.Machines.OrderBy(m => m.Name).Select(m => new AlertScopeOption(AlertScopeKind.Machine, m.Id, m.Name)).ToListAsync(ct);
        return [.. sites, .. lines, .. machines];
    }

    private static AlertRuleView ToView(AlertRule rule, IReadOnlyDictionary<Guid, string> scopeNames) => new(
        rule.Id, rule.Name, rule.Kind, rule.ScopeKind, rule.ScopeId, scopeNames.GetValueOrDefault(rule.ScopeId, "(deleted)"),
        rule.DurationMinutes, rule.Threshold, rule.MeasureName, rule.Enabled,
        AlertRuleText.Condition(rule.Kind, rule.DurationMinutes, rule.Threshold, rule.MeasureName));
}
