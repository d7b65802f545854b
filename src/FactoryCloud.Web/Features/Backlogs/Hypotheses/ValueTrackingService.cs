using System.Globalization;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Web.Features.Backlogs.Products;
using FactoryCloud.Web.Features.Backlogs.Shared;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Features.Kpis;

namespace FactoryCloud.Web.Features.Backlogs.Hypotheses;

/// <summary>
/// KPI hypotheses on work items. The baseline is the KPI over the <c>PeriodDays</c> before work starts (the item
/// first enters an in-progress column); the outcome is the KPI over the same number of days after it reaches done,
/// measured once that period has passed (lazily, when value is asked for). Both come from <see cref="KpiService"/>.
/// </summary>
public sealed class ValueTrackingService(IDbContextFactory<AppDbContext> contexts, BacklogActor actor, KpiService kpis)
{
    public async Task<OperationResult<HypothesisView>> SetAsync(Guid workItemId, HypothesisRequest request, CancellationToken ct = default)
    {
        if (actor.RefuseWrite(request) is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.WorkItems.FirstOrDefaultAsync(w => w.Id == workItemId, ct) is not { } item) return Failure.NotFound("The work item");
        if (await TeamService.MissingAssetAsync(db, [new ServedAsset(request.ScopeKind, request.ScopeId)], ct) is not null)
            return Failure.Invalid(nameof(HypothesisRequest.ScopeId), $"The {request.ScopeKind.ToString().ToLowerInvariant()} was not found.");
        var hypothesis = await db.KpiHypotheses.FirstOrDefaultAsync(h => h.WorkItemId == workItemId, ct);
        var changedTarget = hypothesis is null || hypothesis.Kpi != request.Kpi || hypothesis.ScopeId != request.ScopeId || hypothesis.PeriodDays != request.PeriodDays;
        if (hypothesis is null)
        {
            hypothesis = new KpiHypothesis { WorkItemId = workItemId, ProductId = item.ProductId };
            db.KpiHypotheses.Add(hypothesis);
        }
        (hypothesis.Kpi, hypothesis.ScopeKind, hypothesis.ScopeId, hypothesis.ExpectedChange, hypothesis.PeriodDays) =
            (request.Kpi, request.ScopeKind, request.ScopeId, request.ExpectedChange, request.PeriodDays);
        if (changedTarget) (hypothesis.BaselineValue, hypothesis.BaselineFrom, hypothesis.BaselineTo, hypothesis.MeasuredValue, hypothesis.MeasuredFrom, hypothesis.MeasuredTo) = (null, null, null, null, null, null);
        WorkItemHistory.Add(db, item, actor, await actor.NameAsync(db, ct), "Hypothesis", null,
            $"{request.Kpi} of {request.ScopeKind.ToString().ToLowerInvariant()} {request.ScopeId}: {request.ExpectedChange.ToString(CultureInfo.InvariantCulture)} over {request.PeriodDays} days");
        await db.SaveChangesAsync(ct);
        await OnColumnChangedAsync(workItemId, ct); // an item already in progress (or done) gets its baseline now
        return (await db.KpiHypotheses.AsNoTracking().FirstAsync(h => h.WorkItemId == workItemId, ct)).ToView();
    }

    public async Task<OperationResult> RemoveAsync(Guid workItemId, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.KpiHypotheses.FirstOrDefaultAsync(h => h.WorkItemId == workItemId, ct) is not { } hypothesis) return Failure.NotFound("The hypothesis");
        db.KpiHypotheses.Remove(hypothesis);
        await db.SaveChangesAsync(ct);
        return OperationResult.Success;
    }

    /// <summary>Called after an item changed column: records the baseline on first start, the done time on reaching done.</summary>
    public async Task OnColumnChangedAsync(Guid workItemId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.KpiHypotheses.FirstOrDefaultAsync(h => h.WorkItemId == workItemId, ct) is not { } hypothesis) return;
        var category = await db.WorkItems.Where(w => w.Id == workItemId)
            .Join(db.WorkflowColumns, w => w.ColumnId, c => c.Id, (w, c) => c.Category).FirstAsync(ct);
        var now = actor.Now;
        if (category is ColumnCategory.InProgress or ColumnCategory.Done && hypothesis.BaselineFrom is null)
        {
            (hypothesis.BaselineFrom, hypothesis.BaselineTo) = (now.AddDays(-hypothesis.PeriodDays), now);
            hypothesis.BaselineValue = await MeasureAsync(hypothesis, hypothesis.BaselineFrom.Value, now, ct);
        }
        if (category == ColumnCategory.Done) hypothesis.DoneAt ??= now;
        else (hypothesis.DoneAt, hypothesis.MeasuredValue, hypothesis.MeasuredFrom, hypothesis.MeasuredTo) = (null, null, null, null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Value delivered per product: every hypothesis with its outcome (measuring those whose period after done has
    /// passed), and per sprint the story points completed beside the hypotheses delivered.
    /// </summary>
    public async Task<OperationResult<ValueDelivered>> DeliveredAsync(Guid productId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Products.AnyAsync(p => p.Id == productId, ct)) return Failure.NotFound("The product");
        var hypotheses = await db.KpiHypotheses.Where(h => h.ProductId == productId).ToListAsync(ct);
        var now = actor.Now;
        foreach (var h in hypotheses.Where(h => h is { DoneAt: not null, MeasuredTo: null } && h.DoneAt.Value.AddDays(h.PeriodDays) <= now))
        {
            (h.MeasuredFrom, h.MeasuredTo) = (h.DoneAt, h.DoneAt!.Value.AddDays(h.PeriodDays));
            h.MeasuredValue = await MeasureAsync(h, h.MeasuredFrom!.Value, h.MeasuredTo.Value, ct);
        }
        if (actor.CannotEdit() is null) await db.SaveChangesAsync(ct); // a Viewer sees the figures, but does not store them

        var itemIds = hypotheses.Select(h => h.WorkItemId).ToList();
        var items = await db.WorkItems.Where(w => itemIds.Contains(w.Id)).Select(w => new { w.Id, w.Title, w.SprintId }).ToDictionaryAsync(w => w.Id, ct);
        var views = hypotheses.Select(h => new ValueItem(h.WorkItemId, items[h.WorkItemId].Title, items[h.WorkItemId].SprintId, h.ToView())).ToList();
        var sprints = await db.Sprints.Where(s => s.ProductId == productId).OrderBy(s => s.StartDate).ToListAsync(ct);
        var done = await db.WorkItems.Where(w => w.ProductId == productId && w.SprintId != null)
            .Join(db.WorkflowColumns.Where(c => c.Category == ColumnCategory.Done), w => w.ColumnId, c => c.Id, (w, c) => new { w.SprintId, w.Estimate })
            .ToListAsync(ct);
        var perSprint = sprints.Select(s =>
        {
            var inSprint = views.Where(v => v.SprintId == s.Id).ToList();
            return new SprintValue(s.Id, s.Name, done.Where(d => d.SprintId == s.Id).Sum(d => d.Estimate ?? 0), inSprint.Count,
                inSprint.Count(v => v.Hypothesis.MeasuredValue is not null), inSprint.Count(v => v.Hypothesis.Delivered == true));
        }).ToList();
        return new ValueDelivered(productId, views, perSprint);
    }

    /// <summary>The KPI over [from, to) for the hypothesis's scope; null where the KPI has no data (or no measure yet).</summary>
    private async Task<double?> MeasureAsync(KpiHypothesis h, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var scope = h.ScopeKind switch { AssetKind.Site => KpiScope.Site, AssetKind.Line => KpiScope.Line, _ => KpiScope.Machine };
        if (to <= from) return null;
        var result = await kpis.GetAsync(scope, h.ScopeId, new TimeWindow(from, to), ct);
        if (result.Value is not { } kpi) return null;
        return h.Kpi switch
        {
            HypothesisKpi.Oee => kpi.Oee,
            HypothesisKpi.Availability => kpi.Availability,
            HypothesisKpi.ScrapRate => kpi.ScrapRate,
            HypothesisKpi.Mttr => kpi.MttrSeconds,
            HypothesisKpi.EnergyPerUnit => kpi.EnergyPerGoodUnit,
            _ => null,
        };
    }
}

public sealed record ValueItem(Guid WorkItemId, string Title, Guid? SprintId, HypothesisView Hypothesis);

public sealed record SprintValue(Guid SprintId, string Name, double CompletedPoints, int Hypotheses, int Measured, int Delivered);

public sealed record ValueDelivered(Guid ProductId, IReadOnlyList<ValueItem> Items, IReadOnlyList<SprintValue> Sprints);
