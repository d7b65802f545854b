using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace FactoryCloud.Infrastructure.Mqtt;

/// <summary>
/// Keeps password guessing from costing the broker its CPU: each client address may cause at most
/// <see cref="BrokerLimits.PasswordChecksPerSecondPerAddress"/> password hashes a second (a token bucket), and an address
/// or a username with too many failed connects is locked out for <see cref="BrokerLimits.LockoutDuration"/>. Refused
/// connects are never hashed. A device whose credentials are in the credential cache is not checked here at all, so a
/// stranger guessing a device's username cannot lock the device itself out while its credentials are cached.
/// </summary>
public sealed class ConnectThrottle(BrokerLimits limits)
{
    private sealed class Entry
    {
        public double Tokens = double.NaN;
        public long LastRefill;
        public int Failures;
        public long WindowStart;
        public long LockedUntil;
    }

    private readonly ConcurrentDictionary<IPAddress, Entry> _addresses = new();
    private readonly ConcurrentDictionary<string, Entry> _usernames = new(StringComparer.Ordinal);
    private long _hashes;
    private long _refused;

    /// <summary>Password hashes allowed so far; connects refused without hashing.</summary>
    public long PasswordChecks => Interlocked.Read(ref _hashes);
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Whether a connect from <paramref name="address"/> for <paramref name="username"/> may have its password hashed now.</summary>
    public bool TryBeginPasswordCheck(IPAddress address, string username)
    {
        Prune();
        var now = Stopwatch.GetTimestamp();
        var byAddress = _addresses.GetOrAdd(address, _ => new Entry());
        var byUsername = _usernames.GetOrAdd(username, _ => new Entry());
        bool allowed;
        lock (byAddress)
        {
            allowed = byAddress.LockedUntil <= now && (byUsername.LockedUntil <= now);
            if (allowed)
            {
                var rate = limits.PasswordChecksPerSecondPerAddress;
                byAddress.Tokens = double.IsNaN(byAddress.Tokens) ? rate : Math.Min(rate, byAddress.Tokens + Stopwatch.GetElapsedTime(byAddress.LastRefill, now).TotalSeconds * rate);
                byAddress.LastRefill = now;
                allowed = byAddress.Tokens >= 1;
                if (allowed) byAddress.Tokens--;
            }
        }
        Interlocked.Increment(ref allowed ? ref _hashes : ref _refused);
        return allowed;
    }

    public void Failed(IPAddress address, string? username)
    {
        Count(_addresses.GetOrAdd(address, _ => new Entry()), limits.FailuresPerAddress);
        if (!string.IsNullOrEmpty(username)) Count(_usernames.GetOrAdd(username, _ => new Entry()), limits.FailuresPerUsername);
    }

    private void Count(Entry entry, int allowed)
    {
        var now = Stopwatch.GetTimestamp();
        var window = (long)(limits.LockoutDuration.TotalSeconds * Stopwatch.Frequency);
        lock (entry)
        {
            if (now - entry.WindowStart > window) (entry.WindowStart, entry.Failures) = (now, 0);
            if (++entry.Failures >= allowed) (entry.LockedUntil, entry.Failures) = (now + window, 0);
        }
    }

    private long _lastPrune = Stopwatch.GetTimestamp();

    /// <summary>Forgets idle entries now and then, so a scan of many addresses or usernames does not grow memory for ever.</summary>
    private void Prune()
    {
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref _lastPrune);
        var window = (long)(limits.LockoutDuration.TotalSeconds * Stopwatch.Frequency);
        if (now - last < window || Interlocked.CompareExchange(ref _lastPrune, now, last) != last) return;
        foreach (var (key, entry) in _addresses)
            if (Idle(entry, now, window)) _addresses.TryRemove(key, out _);
        foreach (var (key, entry) in _usernames)
            if (Idle(entry, now, window)) _usernames.TryRemove(key, out _);
    }

    private static bool Idle(Entry entry, long now, long window) =>
        entry.LockedUntil <= now && now - entry.WindowStart > window && (double.IsNaN(entry.Tokens) || now - entry.LastRefill > window);
}
