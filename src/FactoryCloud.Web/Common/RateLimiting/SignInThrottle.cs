using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Common.RateLimiting;

/// <summary>
/// Sign-in attempts per account (the normalised email address), whichever address they come from: the per-address
/// policy alone would let many addresses guess one account's password. Every attempt counts, known account or not,
/// so the answer says nothing about whether the account exists.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SignInThrottle(IOptions<RateLimitOptions> options)
    {
        var rule = options.Value.SignInPerAccount;
        _limiter = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(account, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = rule.PermitLimit, Window = rule.Window, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>Counts an attempt for <paramref name="email"/>; null when it may go ahead, else how long to wait.</summary>
    public TimeSpan? TryAttempt(string email)
    {
        using var lease = _limiter.AttemptAcquire(email.Trim().ToUpperInvariant());
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _limiter.Dispose();
}
