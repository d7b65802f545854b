using System.Globalization;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Common;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.Value;
using FactoryCloud.Web.Common.Export;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Hypotheses;
using FactoryCloud.Web.Features.Kpis;
using FactoryCloud.Web.Features.Maturity;

namespace FactoryCloud.Web.Features.Value;

/// <summary>
/// Turns every measured value hypothesis (baseline before work started, measured window after done, recorded by
/// <see cref="ValueTrackingService"/>) into money per month with its site's cost rates (<see cref="HypothesisMoney"/>),
/// with a confidence from the data completeness of both windows and the other items that changed the same machines
/// in the same period (<see cref="ValueConfidence"/>); and rolls it up per product, per site and for the organisation.
/// </summary>
public sealed class ValueInMoneyService(IDbContextFactory<AppDbContext> contexts, ValueTrackingService tracking, KpiService kpis)
{
    public const string OrganisationKey = "organisation";

    public async Task<ValueProgramView> ProgramAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Measure the items whose period after done has passed (the value tracking stores it, as its page does).
        foreach (var product in await db.KpiHypotheses.Where(h => h.DoneAt != null && h.MeasuredTo == null).Select(h => h.ProductId).Distinct().ToListAsync(ct))
            await tracking.DeliveredAsync(product, ct);

        var hypotheses = await db.KpiHypotheses.AsNoTracking()
            .Where(h => h.BaselineValue != null && h.MeasuredValue != null && h.BaselineFrom != null && h.MeasuredTo != null).ToListAsync(ct);
        var plant = await PlantMap.LoadAsync(db, ct);
        var itemIds = hypotheses.Select(h => h.WorkItemId).ToList();
        var items = await db.WorkItems.Where(w => itemIds.Contains(w.Id)).Select(w => new { w.Id, w.Title, w.Estimate, w.SprintId }).ToDictionaryAsync(w => w.Id, ct);
        var sprintIds = items.Values.Where(i => i.SprintId != null).Select(i => i.SprintId!.Value).Distinct().ToList();
        var sprintNames = await db.Sprints.Where(s => sprintIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var products = await db.Products.Select(p => new { p.Id, p.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var rates = await db.SiteCostRates.AsNoTracking().ToDictionaryAsync(r => r.SiteId, ct);

        var periods = hypotheses.Select(h => new ValueOverlap.Period(h.WorkItemId, plant.MachinesOf(h.ScopeKind, h.ScopeId), h.BaselineFrom!.Value, h.MeasuredTo!.Value)).ToList();
        var views = new List<ItemMoneyView>();
        foreach (var (h, period) in hypotheses.Zip(periods))
        {
            if (plant.SiteOf(h.ScopeKind, h.ScopeId) is not { } site) continue; // its asset was deleted
            var baseline = await KpiAsync(h, h.BaselineFrom!.Value, h.BaselineTo ?? h.BaselineFrom.Value, ct);
            var measured = await KpiAsync(h, h.MeasuredFrom ?? h.DoneAt!.Value, h.MeasuredTo!.Value, ct);
            var confidence = ValueConfidence.Assess(baseline?.DataCompleteness, measured?.DataCompleteness, ValueOverlap.Count(period, periods));
            var money = rates.GetValueOrDefault(site.Id) is { } r && measured is { } m
                ? HypothesisMoney.Value(h.Kpi, h.BaselineValue!.Value, h.MeasuredValue!.Value, Volumes(m), r, plant.LineOf(h.ScopeKind, h.ScopeId))
                : null;
            var item = items.GetValueOrDefault(h.WorkItemId);
            views.Add(new ItemMoneyView(h.WorkItemId, item?.Title ?? "", h.ProductId, products.GetValueOrDefault(h.ProductId, ""), site.Id, site.Name, h.Kpi,
                h.BaselineValue!.Value, h.MeasuredValue!.Value, money?.Amount, money?.Currency,
                money?.Explanation ?? $"No cost rates are set for {site.Name}.", item?.Estimate, confidence, h.DoneAt ?? h.MeasuredFrom ?? h.MeasuredTo!.Value, h.MeasuredTo!.Value,
                item?.SprintId, item?.SprintId is { } sprint ? sprintNames.GetValueOrDefault(sprint) : null));
        }

        var valued = views.Where(v => v.PerMonth is not null)
            .Select(v => new ItemValue(v.WorkItemId, v.ProductId, v.SiteId, v.PerMonth!.Value, v.Currency!, v.StoryPoints, v.Confidence.Level)).ToList();
        var names = views.GroupBy(v => v.ProductId.ToString()).ToDictionary(g => g.Key, g => g.First().ProductName);
        var sites = views.GroupBy(v => v.SiteId.ToString()).ToDictionary(g => g.Key, g => g.First().SiteName);
        return new ValueProgramView(
            views.OrderByDescending(v => v.PerMonth ?? decimal.MinValue).ToList(),
            ValueRollup.By(valued, i => i.ProductId.ToString()).Select(t => t with { Key = names.GetValueOrDefault(t.Key, t.Key) }).ToList(),
            ValueRollup.By(valued, i => i.SiteId.ToString()).Select(t => t with { Key = sites.GetValueOrDefault(t.Key, t.Key) }).ToList(),
            ValueRollup.By(valued, _ => OrganisationKey));
    }

    /// <summary>One row per measured item (<see cref="ValueExport.Items"/>).</summary>
    public async Task<string> CsvAsync(CancellationToken ct = default) => CsvExport.WriteTable(ValueExport.Items(await ProgramAsync(ct)));

    /// <summary>Everything on the value page: the items, the roll-ups per product, per site and for the organisation, value against effort.</summary>
    public async Task<IReadOnlyList<ExportTable>> ExportAsync(CancellationToken ct = default) => ValueExport.Tables(await ProgramAsync(ct));

    /// <summary>
    /// Value delivered against effort: the measured items with money, in the order they were done, with running totals
    /// per currency of story points and of sprints (the sprint each item was done in).
    /// </summary>
    public async Task<IReadOnlyList<ValueEffortStep>> EffortCurveAsync(CancellationToken ct = default) =>
        EffortCurve(await ProgramAsync(ct));

    public static IReadOnlyList<ValueEffortStep> EffortCurve(ValueProgramView program) =>
        ValueEffortCurve.Build(program.Items.Where(i => i.PerMonth is not null)
            .Select(i => new ValueEffortCurve.Input(i.WorkItemId, i.Title, i.DoneAt, i.StoryPoints, i.PerMonth!.Value, i.Currency!, i.SprintId, i.SprintName)));

    public async Task<string> EffortCsvAsync(CancellationToken ct = default) => CsvExport.WriteTable(ValueExport.Effort(await EffortCurveAsync(ct)));

    public async Task<byte[]> EffortXlsxAsync(CancellationToken ct = default) => XlsxExport.Write([ValueExport.Effort(await EffortCurveAsync(ct))]);

    private async Task<KpiResult?> KpiAsync(KpiHypothesis h, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var scope = h.ScopeKind switch { AssetKind.Site => KpiScope.Site, AssetKind.Line => KpiScope.Line, _ => KpiScope.Machine };
        return to > from ? (await kpis.GetAsync(scope, h.ScopeId, new TimeWindow(from, to), ct)).Value : null;
    }

    private static KpiVolumes Volumes(KpiResult k) =>
        new(k.To - k.From, k.PlannedProductionSeconds / 3600, k.TotalCount, k.GoodCount, k.BreakdownEpisodes);
}
