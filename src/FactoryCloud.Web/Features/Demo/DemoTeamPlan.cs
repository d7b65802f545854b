using FactoryCloud.Domain.Backlogs;

namespace FactoryCloud.Web.Features.Demo;

/// <summary>
/// One demo team and its product (the team: the demo owner in <see cref="Discipline"/> and the
/// <see cref="Teammates"/>, each in another discipline): an epic with two features, stories for three past sprints and the running one
/// (<see cref="StoriesPerSprint"/> each), a few left in the backlog, and value hypotheses on the line's KPIs: in the
/// KPI's unit (fractions for OEE and scrap rate, so 0.05 is five points of OEE), on the first story of each of the
/// first two closed sprints (measured: <see cref="PastResults"/>), on the story in progress and on the next in line.
/// </summary>
public sealed record DemoTeamPlan(
    string Team, string TeamDescription, Discipline Discipline, string Product, string ProductDescription,
    string Epic, IReadOnlyList<string> Features, IReadOnlyList<string> Stories, HypothesisKpi Kpi, double ExpectedChange,
    IReadOnlyList<DemoTeamPlan.PastResult> PastResults, IReadOnlyList<DemoTeammates.Person> Teammates)
{
    /// <summary>
    /// The KPI before and after a story of a past sprint. The demo plant streams from its first start, so it has no
    /// telemetry of those weeks to measure; where the KPI had no data these figures are written as the measurement.
    /// </summary>
    public sealed record PastResult(double Baseline, double Measured);

    public const int ClosedSprints = 3, StoriesPerSprint = 4;

    public static readonly IReadOnlyList<double> Points = [3, 5, 2, 8];

    public static readonly IReadOnlyList<DemoTeamPlan> All =
    [
        new("Line Performance", "Production, maintenance and OT automation improving Line 1's OEE together.", Discipline.OtAutomation,
            "OEE Improvement", "Raise Line 1's OEE by removing its largest losses.", "Cut unplanned downtime on Line 1",
            ["Faster changeovers", "Breakdown response"],
            [
                "Record downtime reasons at the machine", "Pareto of stop reasons per shift", "Standard changeover checklist",
                "Pre-stage tools before changeovers", "Alert maintenance when a machine is down", "Spare parts list per machine",
                "Weekly loss review on the dashboard", "Mark micro-stops separately", "Changeover time per product pair",
                "Shift handover notes in the app", "Lubrication plan for M01", "Operator self-checks at start of shift",
                "Quick-release fixtures on M03", "Escalation path for long stops", "Root-cause template for breakdowns",
                "Target cycle times per product", "Predict bearing wear on M02", "Andon light on the line", "Visual board at the line",
            ], HypothesisKpi.Oee, 0.05, [new(0.612, 0.668), new(0.655, 0.672)],
            [new("Ana Kowalska", Discipline.Operations), new("Jonas Weber", Discipline.Development), new("Priya Nair", Discipline.Data)]),
        new("Energy & Quality", "Quality engineering, energy management and data analysts reducing scrap and energy per part.", Discipline.Data,
            "Energy and Scrap Reduction", "Lower scrap and kWh per good part across the plant.", "Halve scrap on Line 1",
            ["Scrap visibility", "Energy per part"],
            [
                "Count scrap per product", "Scrap reasons at the machine", "Scrap rate on the line dashboard", "kWh per good part per machine",
                "Switch idle machines to standby", "Compressed air leak survey", "First-part inspection checklist", "Temperature limits per product",
                "Energy report per shift", "Alert on high idle power", "Scrap review with suppliers", "Calibrate gauges monthly",
                "SPC chart for critical dimension", "Heat-up schedule before shifts", "Peak load plan", "Scrap cost in the weekly review",
                "Recycle rejected parts", "Energy baseline per product", "Standby after 10 minutes idle",
            ], HypothesisKpi.ScrapRate, -0.01, [new(0.048, 0.036), new(0.037, 0.033)],
            [new("Marta Silva", Discipline.Test), new("Tom Berger", Discipline.Business), new("Priya Nair", Discipline.Analysis)]),
    ];
}
