using FactoryCloud.Domain.Accounts;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Account;

/// <summary>
/// Failed sign-ins (wrong passwords and wrong two-factor codes alike) per client address and account (the email
/// address as typed, normalised), applying <see cref="SignInBackoff"/>. Unknown addresses count like real ones, so the
/// delays say nothing about which accounts exist. The counts live in the database (<see cref="SignInFailure"/>, keyed by
/// a hash of address and account): every web instance behind a load balancer sees the same count, and a restart
/// forgets nothing. A failure is one conditional update (an insert the first time), so failures arriving at two
/// instances at once both count.
/// </summary>
public sealed class SignInDelays(AppDbContextFactory contexts, IOptions<AccountOptions> options, TimeProvider clock)
{
    private SignInBackoff Backoff => options.Value.Backoff;

    /// <summary>How long this address must wait before its next attempt on this account is checked; zero when it may go ahead.</summary>
    public async Task<TimeSpan> RemainingAsync(string? address, string email, CancellationToken ct = default)
    {
        var key = SignInFailureKey.For(address, email);
        await using var db = contexts.Create(DataScope.None);
        var entry = await db.SignInFailures.AsNoTracking().Where(f => f.Key == key)
            .Select(f => new { f.Failures, f.LastFailureAt }).FirstOrDefaultAsync(ct);
        return entry is null ? TimeSpan.Zero : Backoff.Remaining(entry.Failures, entry.LastFailureAt, clock.GetUtcNow());
    }

    public async Task FailedAsync(string? address, string email, CancellationToken ct = default)
    {
        var key = SignInFailureKey.For(address, email);
        var now = clock.GetUtcNow();
        var expires = now + Backoff.Memory;
        await using var db = contexts.Create(DataScope.None);
        for (var attempt = 0; ; attempt++)
        {
            // A count whose memory has run out starts again at one (SignInBackoff.FailuresAfter, in SQL).
            var updated = await db.SignInFailures.Where(f => f.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(f => f.Failures, f => f.ExpiresAt <= now ? 1 : f.Failures + 1)
                .SetProperty(f => f.LastFailureAt, now)
                .SetProperty(f => f.ExpiresAt, expires), ct);
            if (updated > 0) return;
            db.SignInFailures.Add(new SignInFailure { Key = key, Failures = 1, LastFailureAt = now, ExpiresAt = expires });
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt == 0)
            {
                // Another instance inserted the first failure a moment ago: count this one on its row.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task SucceededAsync(string? address, string email, CancellationToken ct = default)
    {
        var key = SignInFailureKey.For(address, email);
        await using var db = contexts.Create(DataScope.None);
        await db.SignInFailures.Where(f => f.Key == key).ExecuteDeleteAsync(ct);
    }
}
