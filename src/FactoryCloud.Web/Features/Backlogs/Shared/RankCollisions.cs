using FactoryCloud.Infrastructure.Resilience;

namespace FactoryCloud.Web.Features.Backlogs.Shared;

/// <summary>
/// Rank keys are unique per product and rows carry a version: a writer that lost a race to another one re-reads its
/// neighbours on a fresh context and tries again.
/// </summary>
internal static class RankCollisions
{
    /// <summary>Runs <paramref name="attempt"/> on a fresh context, again when a rank key or a row version collided (<see cref="Retries.WriteRace"/>).</summary>
    public static async Task<OperationResult<T>> RetryAsync<T>(
        IDbContextFactory<AppDbContext> contexts, Func<AppDbContext, Task<OperationResult<T>>> attempt, CancellationToken ct) =>
        await Retries.WriteRace.ExecuteAsync(async token =>
        {
            await using var db = await contexts.CreateDbContextAsync(token);
            return await attempt(db);
        }, ct);
}
