using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Web.Common;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.Web.Features.Backlogs.Shared;

/// <summary>
/// Rank keys are unique per product and rows carry a version: a writer that lost a race to another one re-reads its
/// neighbours on a fresh context and tries again.
/// </summary>
internal static class RankCollisions
{
    private const int Attempts = 8;

    /// <summary>Runs <paramref name="attempt"/> on a fresh context, again when a rank key or a row version collided.</summary>
    public static async Task<OperationResult<T>> RetryAsync<T>(
        IDbContextFactory<AppDbContext> contexts, Func<AppDbContext, Task<OperationResult<T>>> attempt, CancellationToken ct)
    {
        for (var i = 1; ; i++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            try
            {
                return await attempt(db);
            }
            catch (DbUpdateException e) when (i < Attempts && (e is DbUpdateConcurrencyException || e.IsUniqueViolation()))
            {
                await Task.Delay(Random.Shared.Next(1, 5 * i), ct);
            }
        }
    }
}
