using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Hypotheses;
using FactoryCloud.Web.Features.Backlogs.Shared;

namespace FactoryCloud.Web.Features.Backlogs.WorkItems;

/// <summary>A work item with its column, custom fields, links and hypothesis, as pages and the API show it.</summary>
internal static class WorkItemViews
{
    public static async Task<WorkItemView?> LoadAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        if (await db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, ct) is not { } item) return null;
        var column = await db.WorkflowColumns.AsNoTracking().FirstAsync(c => c.Id == item.ColumnId, ct);
        var fields = await db.CustomFieldDefinitions.AsNoTracking().Where(f => f.ProductId == item.ProductId).ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var values = await db.CustomFieldValues.AsNoTracking().Where(v => v.WorkItemId == id).ToListAsync(ct);
        var links = await db.WorkItemLinks.AsNoTracking().Where(l => l.WorkItemId == id).ToListAsync(ct);
        var hypothesis = await db.KpiHypotheses.AsNoTracking().FirstOrDefaultAsync(h => h.WorkItemId == id, ct);
        var custom = values.Where(v => fields.ContainsKey(v.FieldId)).GroupBy(v => fields[v.FieldId])
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(v => v.Value).Order(StringComparer.Ordinal).ToList());
        return new WorkItemView(item.Id, item.ProductId, item.Type, item.Title, item.Description, MarkdownRenderer.ToHtml(item.Description),
            item.AcceptanceCriteria, MarkdownRenderer.ToHtml(item.AcceptanceCriteria), item.ColumnId, column.Name, column.Category,
            item.AssigneeId, item.Estimate, item.Priority, TagSet.Parse(item.Tags), item.DueDate, item.ParentId, item.SprintId, item.Rank,
            item.Version, item.CreatedAt, item.UpdatedAt, custom, links.OrderBy(l => l.Kind).ThenBy(l => l.Label).Select(l => l.ToView()).ToList(),
            hypothesis?.ToView());
    }
}
