using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Notifications;

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
        var recipients = await RecipientNamesAsync(db, ct);
        return rules.Select(r => ToView(r, names, recipients)).ToList();
    }

    public async Task<AlertRuleView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.AlertRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } rule) return null;
        return ToView(rule, (await ScopeOptionsAsync(db, ct)).ToDictionary(o => o.Id, o => o.Name), await RecipientNamesAsync(db, ct));
    }

    /// <summary>Every site, line and machine of the tenant a rule can watch, by kind then name.</summary>
    public async Task<IReadOnlyList<AlertScopeOption>> ScopeOptionsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await ScopeOptionsAsync(db, ct);
    }

    /// <summary>The roles, members and teams a rule can notify, for the rule dialog.</summary>
    public async Task<IReadOnlyList<AlertRecipientOption>> RecipientOptionsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await RecipientOptionsAsync(db, ct);
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
        var recipientOptions = await RecipientOptionsAsync(db, ct);
        var known = recipientOptions.Select(o => o.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (field, list) in new[] { (nameof(AlertRuleRequest.Recipients), written.Value!.Notification.Recipients), (nameof(AlertRuleRequest.EscalationRecipients), written.Value!.Notification.EscalationRecipients) })
            if (list.FirstOrDefault(r => !known.Contains(r)) is { } unknown)
                return Failure.Invalid(field, $"{unknown} is not a role, member or team of this organisation.");
        var view = ToView(written.Value!, names, recipientOptions.ToDictionary(o => o.Value, o => o.Name));
        await audit.AddAsync(db, action, $"Alert rule {view.Name}",
            $"{view.Severity}: {view.Condition} on {view.ScopeKind.ToString().ToLowerInvariant()} {view.ScopeName}{(view.Enabled ? "" : " (disabled)")}; {view.Notifies}", ct);
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
        rule.Severity = request.Severity;
        rule.Notification = request.ToPolicy();
    }

    private static async Task<List<AlertRecipientOption>> RecipientOptionsAsync(AppDbContext db, CancellationToken ct)
    {
        var roles = Enum.GetValues<TenantRole>().Select(r => new AlertRecipientOption(AlertRecipient.ForRole(r).ToString(), AlertPolicyText.Role(r), "Roles"));
        var members = await (from m in db.Memberships
                             join u in db.Users on m.UserId equals u.Id
                             orderby u.Email
                             select new { m.UserId, Name = u.DisplayName ?? u.Email ?? "" }).ToListAsync(ct);
        var teams = await db.Teams.OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        return
        [
            .. roles,
            .. members.Select(m => new AlertRecipientOption(AlertRecipient.ForMember(m.UserId).ToString(), m.Name, "Members")),
            .. teams.Select(t => new AlertRecipientOption(AlertRecipient.ForTeam(t.Id).ToString(), t.Name, "Teams")),
        ];
    }

    private static async Task<Dictionary<string, string>> RecipientNamesAsync(AppDbContext db, CancellationToken ct) =>
        (await RecipientOptionsAsync(db, ct)).ToDictionary(o => o.Value, o => o.Name, StringComparer.Ordinal);

    private static async Task<List<AlertScopeOption>> ScopeOptionsAsync(AppDbContext db, CancellationToken ct)
    {
        var sites = await db.Sites.OrderBy(s => s.Name).Select(s => new AlertScopeOption(AlertScopeKind.Site, s.Id, s.Name)).ToListAsync(ct);
        var lines = await db.Lines.OrderBy(l => l.Name).Select(l => new AlertScopeOption(AlertScopeKind.Line, l.Id, l.Name)).ToListAsync(ct);
        var machines = await db.Machines.OrderBy(m => m.Name).Select(m => new AlertScopeOption(AlertScopeKind.Machine, m.Id, m.Name)).ToListAsync(ct);
        return [.. sites, .. lines, .. machines];
    }

    private static AlertRuleView ToView(AlertRule rule, IReadOnlyDictionary<Guid, string> scopeNames, IReadOnlyDictionary<string, string> recipientNames) => new(
        rule.Id, rule.Name, rule.Kind, rule.ScopeKind, rule.ScopeId, scopeNames.GetValueOrDefault(rule.ScopeId, "(deleted)"),
        rule.DurationMinutes, rule.Threshold, rule.MeasureName, rule.Enabled,
        AlertRuleText.Condition(rule.Kind, rule.DurationMinutes, rule.Threshold, rule.MeasureName),
        rule.Severity, rule.Notification, AlertPolicyText.Describe(rule.Notification, recipientNames));
}
