using System.Collections.Concurrent;
using FactoryCloud.Domain.Accounts;
using Microsoft.Extensions.Options;

namespace FactoryCloud.Web.Features.Account;

/// <summary>
/// Failed sign-ins per client address and account (email address as typed, normalised), in memory, applying
/// <see cref="SignInBackoff"/>. Unknown addresses count like real ones, so the delays say nothing about which
/// accounts exist. Per process: behind a load balancer each instance counts on its own.
/// </summary>
public sealed class SignInDelays(IOptions<AccountOptions> options, TimeProvider clock)
{
    private const int PruneAbove = 100_000;

    private readonly ConcurrentDictionary<(string Address, string Account), (int Failures, DateTimeOffset Last)> _failures = new();
    private SignInBackoff Backoff => options.Value.Backoff;

    /// <summary>How long this address must wait before its next attempt on this account is checked; zero when it may go ahead.</summary>
    public TimeSpan Remaining(string? address, string email) =>
        _failures.TryGetValue(Key(address, email), out var entry) ? Backoff.Remaining(entry.Failures, entry.Last, clock.GetUtcNow()) : TimeSpan.Zero;

    public void Failed(string? address, string email)
    {
        var now = clock.GetUtcNow();
        _failures.AddOrUpdate(Key(address, email), (1, now), (_, entry) => (Backoff.FailuresAfter(entry.Failures, entry.Last, now), now));
        if (_failures.Count > PruneAbove) Prune(now);
    }

    public void Succeeded(string? address, string email) => _failures.TryRemove(Key(address, email), out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _failures)
            if (now - entry.Last >= Backoff.Memory) _failures.TryRemove(key, out _);
    }

    private static (string, string) Key(string? address, string email) => (address ?? "unknown", email.Trim().ToUpperInvariant());
}
