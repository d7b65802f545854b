using FactoryCloud.Domain.Backlogs;

namespace FactoryCloud.Web.Features.Maturity;

/// <summary>Epics and everything under them, with their points and column category, for effort and progress roll-ups.</summary>
internal static class EpicTree
{
    /// <summary>The items are at most a few levels deep (Epic &gt; Feature &gt; Story/Task/Bug): one query per level.</summary>
    public static async Task<List<HierarchyRollup.Item>> LoadAsync(AppDbContext db, IReadOnlyCollection<Guid> epicIds, CancellationToken ct)
    {
        var items = new List<HierarchyRollup.Item>();
        var seen = new HashSet<Guid>();
        var frontier = epicIds.Distinct().ToList();
        var first = true;
        for (var depth = 0; depth < 8 && frontier.Count > 0; depth++)
        {
            var ids = frontier;
            var query = from w in db.WorkItems
                        join c in db.WorkflowColumns on w.ColumnId equals c.Id
                        select new { w.Id, w.ParentId, w.Estimate, c.Category };
            var level = first
                ? await query.Where(w => ids.Contains(w.Id)).ToListAsync(ct)
                : await query.Where(w => w.ParentId != null && ids.Contains(w.ParentId.Value)).ToListAsync(ct);
            first = false;
            frontier = [];
            foreach (var w in level.Where(w => seen.Add(w.Id)))
            {
                items.Add(new HierarchyRollup.Item(w.Id, w.ParentId, w.Estimate, w.Category));
                frontier.Add(w.Id);
            }
        }
        return items;
    }
}
