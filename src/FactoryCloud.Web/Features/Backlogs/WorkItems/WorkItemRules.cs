using FactoryCloud.Domain.Backlogs;

namespace FactoryCloud.Web.Features.Backlogs.WorkItems;

/// <summary>The checks a work item's values need against the database: its product's columns, scale, parent, sprint and members.</summary>
internal static class WorkItemRules
{
    public static async Task<Failure?> CheckAsync(AppDbContext db, Product product, WorkItem item, WorkItemRequest request, CancellationToken ct)
    {
        if (!PointScale.Allows(product.PointScale, request.Estimate))
            return Failure.Invalid(nameof(WorkItemRequest.Estimate), $"Estimate with one of {string.Join(", ", product.PointScale)}.");
        if (request.ColumnId is { } columnId && !await db.WorkflowColumns.AnyAsync(c => c.Id == columnId && c.ProductId == product.Id, ct))
            return Failure.Invalid(nameof(WorkItemRequest.ColumnId), "The column is not one of this product's.");
        if (request.SprintId is { } sprintId && !await db.Sprints.AnyAsync(s => s.Id == sprintId && s.ProductId == product.Id && s.State != SprintState.Closed, ct))
            return Failure.Invalid(nameof(WorkItemRequest.SprintId), "The sprint is not an open sprint of this product.");
        if (request.AssigneeId is { } assignee && !await db.Memberships.AnyAsync(m => m.UserId == assignee, ct))
            return Failure.Invalid(nameof(WorkItemRequest.AssigneeId), "The assignee is not a member of this organisation.");
        if (await ParentProblemAsync(db, item, request.Type, request.ParentId, ct) is { } parent)
            return Failure.Invalid(nameof(WorkItemRequest.ParentId), parent);
        var childTypes = await db.WorkItems.Where(w => w.ParentId == item.Id).Select(w => w.Type).Distinct().ToListAsync(ct);
        return HierarchyRules.ChildrenProblem(request.Type, childTypes) is { } children ? Failure.Invalid(nameof(WorkItemRequest.Type), children) : null;
    }

    public static async Task<string?> ParentProblemAsync(AppDbContext db, WorkItem item, WorkItemType type, Guid? parentId, CancellationToken ct)
    {
        if (parentId is not { } id) return null;
        if (id == item.Id) return "An item cannot be its own parent.";
        var parent = await db.WorkItems.Where(w => w.Id == id).Select(w => new { w.Type, w.ProductId }).FirstOrDefaultAsync(ct);
        return parent is null ? "The parent was not found." : HierarchyRules.Problem(type, parent.Type, parent.ProductId == item.ProductId);
    }

    /// <summary>
    /// Validates the given custom fields (by name) and replaces their value rows; a required field must have a
    /// value once the item exists. Returns the history changes, or the failure with the field name as the key.
    /// </summary>
    public static async Task<OperationResult<List<WorkItemFields.Change>>> ApplyCustomFieldsAsync(
        AppDbContext db, WorkItem item, Dictionary<string, List<string>> given, bool isNew, CancellationToken ct)
    {
        var fields = await db.CustomFieldDefinitions.Where(f => f.ProductId == item.ProductId).ToListAsync(ct);
        if (given.Keys.FirstOrDefault(k => fields.All(f => !string.Equals(f.Name, k, StringComparison.OrdinalIgnoreCase))) is { } unknown)
            return Failure.Invalid($"CustomFields.{unknown}", $"This product has no field '{unknown}'.");
        var current = isNew ? [] : await db.CustomFieldValues.Where(v => v.WorkItemId == item.Id).ToListAsync(ct);
        var changes = new List<WorkItemFields.Change>();
        foreach (var field in fields)
        {
            var entry = given.FirstOrDefault(g => string.Equals(g.Key, field.Name, StringComparison.OrdinalIgnoreCase));
            if (entry.Key is null && !(isNew && field.Required)) continue;
            var outcome = CustomFieldRules.Validate(field, entry.Value);
            if (!outcome.IsValid) return Failure.Invalid($"CustomFields.{field.Name}", outcome.Error!);
            var old = current.Where(v => v.FieldId == field.Id).ToList();
            var oldText = string.Join(", ", old.Select(v => v.Value));
            var newText = string.Join(", ", outcome.Values);
            if (oldText == newText) continue;
            db.CustomFieldValues.RemoveRange(old);
            db.CustomFieldValues.AddRange(outcome.Values.Select(v => new CustomFieldValue { WorkItemId = item.Id, FieldId = field.Id, Value = v }));
            changes.Add(new(WorkItemFields.CustomFieldPrefix + field.Name, oldText.Length == 0 ? null : oldText, newText.Length == 0 ? null : newText));
        }
        return changes;
    }
}
