using FactoryCloud.Domain.AccessTokens;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Account;

/// <summary>Settings under <c>Accounts:Cleanup</c>.</summary>
public sealed class AccountCleanupOptions
{
    public const string Section = "Accounts:Cleanup";

    /// <summary>How often the job runs (the first run is this long after start).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement, so a large backlog never holds a long lock or a large transaction.</summary>
    public int BatchSize { get; set; } = 1000;
}

/// <summary>
/// Deletes refresh tokens that can never be used again (<see cref="RefreshTokenLifetime.RemovableAt"/>) and sign-in
/// failure counts past their expiry, in batches of <see cref="AccountCleanupOptions.BatchSize"/> rows, one statement
/// each, until none is left. Several instances may run it at once: a delete of rows already gone deletes nothing.
/// </summary>
public sealed class AccountCleanup(
    AppDbContextFactory contexts, IOptions<AccountCleanupOptions> options, TimeProvider clock, ILogger<AccountCleanup> logger) : BackgroundService
{
    public sealed record Removed(int RefreshTokens, int SignInFailures);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPass.RunAsync(options.Value.Interval, clock, logger, "The account clean-up", async ct =>
        {
            var removed = await RunAsync(ct);
            if (removed.RefreshTokens + removed.SignInFailures > 0)
                logger.LogInformation("Removed {RefreshTokens} refresh tokens and {SignInFailures} sign-in failure counts", removed.RefreshTokens, removed.SignInFailures);
        }, stoppingToken);

    /// <summary>One full pass; returns how many rows went.</summary>
    public async Task<Removed> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var batch = Math.Max(1, options.Value.BatchSize);
        var tokens = 0;
        var failures = 0;
        await using var db = contexts.Create(DataScope.None);
        int deleted;
        do
        {
            var ids = db.RefreshTokens.Where(RefreshTokenLifetime.RemovableAt(now)).OrderBy(t => t.Id).Select(t => t.Id).Take(batch);
            deleted = await db.RefreshTokens.Where(t => ids.Contains(t.Id)).ExecuteDeleteAsync(ct);
            tokens += deleted;
        } while (deleted == batch);
        do
        {
            var keys = db.SignInFailures.Where(f => f.ExpiresAt <= now).OrderBy(f => f.Key).Select(f => f.Key).Take(batch);
            deleted = await db.SignInFailures.Where(f => keys.Contains(f.Key)).ExecuteDeleteAsync(ct);
            failures += deleted;
        } while (deleted == batch);
        return new Removed(tokens, failures);
    }
}
