using FactoryCloud.Domain.Backlogs;

namespace FactoryCloud.Web.Features.Backlogs.Board;

internal static class WipLimits
{
    /// <summary>
    /// Entering a column at its WIP limit: refused on a strict product, else needs the request's confirmation. Runs
    /// inside the caller's transaction and locks the column (<see cref="WipColumnLock"/>) until it commits.
    /// </summary>
    public static async Task<Failure?> ProblemAsync(AppDbContext db, Product product, Guid columnId, bool confirmed, CancellationToken ct, int entering = 1)
    {
        var column = await db.WorkflowColumns.FirstAsync(c => c.Id == columnId, ct);
        if (column.WipLimit is null) return null;
        await WipColumnLock.LockAsync(db, columnId, ct);
        var count = await db.WorkItems.CountAsync(w => w.ColumnId == columnId, ct);
        return WipRule.Check(column.WipLimit, count + entering - 1, product.WipMode, confirmed) switch
        {
            WipDecision.Allowed => null,
            WipDecision.Refused => Failure.Conflict($"'{column.Name}' is at its WIP limit of {column.WipLimit}; this product does not allow going past it."),
            _ => Failure.Conflict($"'{column.Name}' is at its WIP limit of {column.WipLimit}. Confirm to go past it (ConfirmWipBreach)."),
        };
    }

}
