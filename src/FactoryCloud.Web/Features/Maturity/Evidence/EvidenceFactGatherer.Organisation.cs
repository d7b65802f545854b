using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Maturity.Evidence;

namespace FactoryCloud.Web.Features.Maturity.Evidence;

// Cross-functional organisation: teams serving the scope, their products' flow, WIP limits and sprints.
public sealed partial class EvidenceFactGatherer
{
    private static readonly Discipline[] CrossFunctional = [Discipline.Business, Discipline.Development, Discipline.Test, Discipline.Operations];

    private async Task<OrganisationFacts> OrganisationAsync(AppDbContext db, EvidenceScope scope, DateTimeOffset now, CancellationToken ct)
    {
        // A site's teams are those serving it, one of its lines or machines; the organisation's are all teams.
        var teams = (await db.Teams.AsNoTracking().ToListAsync(ct))
            .Where(t => scope.SiteId is null || t.Serves.Any(a => scope.Covers(a.Kind, a.Id))).ToList();
        var teamIds = teams.Select(t => (Guid?)t.Id).ToList();
        var productIds = await db.Products.Where(p => teamIds.Contains(p.TeamId)).Select(p => p.Id).ToListAsync(ct);

        var lead = new List<double>();
        var cycle = new List<double>();
        var throughputs = new List<IReadOnlyList<double>>();
        foreach (var product in productIds)
        {
            if ((await charts.FlowTimesAsync(product, now - EvidenceWindows.Flow, ct)).Value is { } points)
                foreach (var p in points)
                {
                    lead.Add(p.LeadTime.TotalDays);
                    if (p.CycleTime is { } c) cycle.Add(c.TotalDays);
                }
            if ((await charts.VelocityAsync(product, EvidenceWindows.Sprints, ct)).Value is { } velocity)
                throughputs.Add(velocity.Sprints.Select(s => s.Completed).ToList());
        }

        var limited = await db.WorkflowColumns.Where(c => productIds.Contains(c.ProductId) && c.WipLimit != null)
            .Select(c => new { c.Id, Limit = c.WipLimit!.Value, Items = db.WorkItems.Count(w => w.ColumnId == c.Id) }).ToListAsync(ct);

        return new OrganisationFacts(
            teams.Count, teams.Count(t => CrossFunctional.All(d => t.Members.Any(m => m.Discipline == d))),
            lead, cycle, limited.Count, limited.Count(c => c.Items <= c.Limit), throughputs);
    }
}
