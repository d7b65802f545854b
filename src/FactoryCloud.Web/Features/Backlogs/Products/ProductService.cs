using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Web.Features.Backlogs.Shared;

namespace FactoryCloud.Web.Features.Backlogs.Products;

/// <summary>Products with their workflow columns, WIP settings, point scale and custom field definitions.</summary>
public sealed class ProductService(IDbContextFactory<AppDbContext> contexts, BacklogActor actor)
{
    public async Task<IReadOnlyList<ProductView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var products = await db.Products.OrderBy(p => p.Name).ToListAsync(ct);
        var columns = (await db.WorkflowColumns.ToListAsync(ct)).ToLookup(c => c.ProductId);
        var fields = (await db.CustomFieldDefinitions.ToListAsync(ct)).ToLookup(f => f.ProductId);
        return products.Select(p => p.ToView(columns[p.Id], fields[p.Id])).ToList();
    }

    public async Task<ProductView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await LoadAsync(db, id, ct);
    }

    /// <summary>Creates the product with the default lifecycle columns (<see cref="DefaultWorkflow"/>).</summary>
    public async Task<OperationResult<ProductView>> CreateAsync(ProductRequest request, CancellationToken ct = default)
    {
        if (actor.RefuseWrite(request) is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await TeamProblemAsync(db, request.TeamId, ct) is { } team) return team;
        var product = new Product { Name = request.Name.Trim(), CreatedAt = actor.Now };
        Apply(product, request);
        db.Products.Add(product);
        db.WorkflowColumns.AddRange(DefaultWorkflow.For(product.Id));
        return await SaveAsync(db, product.Id, ct);
    }

    public async Task<OperationResult<ProductView>> UpdateAsync(Guid id, ProductRequest request, CancellationToken ct = default)
    {
        if (actor.RefuseWrite(request) is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct) is not { } product) return Failure.NotFound("The product");
        if (await TeamProblemAsync(db, request.TeamId, ct) is { } team) return team;
        if (request.PointScale is { } scale)
        {
            var used = await db.WorkItems.Where(w => w.ProductId == id && w.Estimate != null).Select(w => w.Estimate!.Value).Distinct().ToListAsync(ct);
            if (used.Where(e => !PointScale.Allows(scale, e)).Select(e => (double?)e).FirstOrDefault() is { } missing)
                return Failure.Invalid(nameof(ProductRequest.PointScale), $"Items are estimated at {missing}, which the new scale lacks.");
        }
        product.Name = request.Name.Trim();
        Apply(product, request);
        return await SaveAsync(db, id, ct);
    }

    public async Task<OperationResult> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Products.FirstOrDefaultAsync(p => p.Id == id, ct) is not { } product) return Failure.NotFound("The product");
        // Items point at their parents and columns; clear those first so the cascade does not depend on row order.
        await db.WorkItems.Where(w => w.ProductId == id).ExecuteUpdateAsync(s => s.SetProperty(w => w.ParentId, (Guid?)null), ct);
        db.Products.Remove(product);
        await db.SaveChangesAsync(ct);
        return OperationResult.Success;
    }

    /// <summary>
    /// Replaces the workflow: columns are kept by id (renamed, re-categorised, moved, re-limited), new ones added,
    /// and the ones left out removed, which is refused (409) while they still hold items.
    /// </summary>
    public async Task<OperationResult<ProductView>> SaveWorkflowAsync(Guid productId, WorkflowRequest request, CancellationToken ct = default)
    {
        if (actor.RefuseWrite(request) is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Products.AnyAsync(p => p.Id == productId, ct)) return Failure.NotFound("The product");
        var existing = await db.WorkflowColumns.Where(c => c.ProductId == productId).ToListAsync(ct);
        if (request.Columns.FirstOrDefault(c => c.Id is { } id && existing.All(e => e.Id != id)) is { } unknown)
            return Failure.Invalid(nameof(WorkflowRequest.Columns), $"The column '{unknown.Name}' is not one of this product's.");
        var removed = existing.Where(e => request.Columns.All(c => c.Id != e.Id)).ToList();
        var removedIds = removed.Select(r => r.Id).ToList();
        var occupied = await db.WorkItems.Where(w => removedIds.Contains(w.ColumnId)).Select(w => w.ColumnId).Distinct().ToListAsync(ct);
        if (occupied.Count > 0)
            return Failure.Conflict($"Move the items out of {string.Join(", ", removed.Where(r => occupied.Contains(r.Id)).Select(r => $"'{r.Name}'"))} before removing it.");
        db.WorkflowColumns.RemoveRange(removed);
        for (var i = 0; i < request.Columns.Count; i++)
        {
            var wanted = request.Columns[i];
            var column = existing.FirstOrDefault(e => e.Id == wanted.Id);
            if (column is null)
            {
                column = new WorkflowColumn { ProductId = productId, Name = wanted.Name.Trim() };
                db.WorkflowColumns.Add(column);
            }
            (column.Name, column.Category, column.Position, column.WipLimit) = (wanted.Name.Trim(), wanted.Category, i, wanted.WipLimit);
        }
        return await SaveAsync(db, productId, ct);
    }

    public async Task<OperationResult<ProductView>> AddCustomFieldAsync(Guid productId, CustomFieldRequest request, CancellationToken ct = default)
    {
        if (actor.RefuseWrite(request) is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Products.AnyAsync(p => p.Id == productId, ct)) return Failure.NotFound("The product");
        var position = await db.CustomFieldDefinitions.CountAsync(f => f.ProductId == productId, ct);
        db.CustomFieldDefinitions.Add(new CustomFieldDefinition
        {
            ProductId = productId, Name = request.Name.Trim(), Kind = request.Kind, Options = request.Options.Select(o => o.Trim()).ToList(),
            Required = request.Required, Position = position,
        });
        return await SaveAsync(db, productId, ct);
    }

    /// <summary>Renames a field, changes its options or whether it is required; its kind stays (values would not fit).</summary>
    public async Task<OperationResult<ProductView>> UpdateCustomFieldAsync(Guid fieldId, CustomFieldRequest request, CancellationToken ct = default)
    {
        if (actor.RefuseWrite(request) is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.CustomFieldDefinitions.FirstOrDefaultAsync(f => f.Id == fieldId, ct) is not { } field) return Failure.NotFound("The field");
        if (request.Kind != field.Kind) return Failure.Invalid(nameof(CustomFieldRequest.Kind), "A field's kind cannot change; add a new field instead.");
        var options = request.Options.Select(o => o.Trim()).ToList();
        var dropped = field.Options.Except(options).ToList();
        if (dropped.Count > 0 && await db.CustomFieldValues.AnyAsync(v => v.FieldId == fieldId && dropped.Contains(v.Value), ct))
            return Failure.Conflict($"Items still use {string.Join(", ", dropped.Select(d => $"'{d}'"))}; change them before removing the option.");
        (field.Name, field.Options, field.Required) = (request.Name.Trim(), options, request.Required);
        return await SaveAsync(db, field.ProductId, ct);
    }

    public async Task<OperationResult> DeleteCustomFieldAsync(Guid fieldId, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.CustomFieldDefinitions.FirstOrDefaultAsync(f => f.Id == fieldId, ct) is not { } field) return Failure.NotFound("The field");
        db.CustomFieldDefinitions.Remove(field);
        await db.SaveChangesAsync(ct);
        return OperationResult.Success;
    }

    internal static async Task<ProductView?> LoadAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        if (await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is not { } product) return null;
        var columns = await db.WorkflowColumns.AsNoTracking().Where(c => c.ProductId == id).ToListAsync(ct);
        var fields = await db.CustomFieldDefinitions.AsNoTracking().Where(f => f.ProductId == id).ToListAsync(ct);
        return product.ToView(columns, fields);
    }

    private static void Apply(Product product, ProductRequest request)
    {
        product.Description = request.Description;
        product.BusinessOwnerId = request.BusinessOwnerId;
        product.BusinessOwnerName = request.BusinessOwnerName.Trim();
        product.TeamId = request.TeamId;
        product.WipMode = request.WipMode;
        if (request.PointScale is { } scale) product.PointScale = [.. scale];
    }

    private static async Task<Failure?> TeamProblemAsync(AppDbContext db, Guid? teamId, CancellationToken ct) =>
        teamId is { } id && !await db.Teams.AnyAsync(t => t.Id == id, ct)
            ? Failure.Invalid(nameof(ProductRequest.TeamId), "The team was not found.")
            : null;

    private static async Task<OperationResult<ProductView>> SaveAsync(AppDbContext db, Guid productId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Failure.Conflict("A product (or a field of this product) with this name already exists.");
        }
        return (await LoadAsync(db, productId, ct))!;
    }
}
