using Microsoft.EntityFrameworkCore.Storage;

namespace FactoryCloud.Web.Features.Backlogs.WorkItems;

/// <summary>The end of an edit of existing work items: saved and committed, unless another edit got there first.</summary>
internal static class WorkItemCommit
{
    /// <summary>Saves and commits; false, with nothing saved, when someone else changed one of the items meanwhile (row version).</summary>
    public static async Task<bool> UnlessChangedMeanwhileAsync(AppDbContext db, IDbContextTransaction transaction, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
