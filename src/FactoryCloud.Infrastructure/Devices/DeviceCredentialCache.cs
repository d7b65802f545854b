using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace FactoryCloud.Infrastructure.Devices;

/// <summary>
/// Remembers verified device credentials for a short time, so a reconnect storm does not hash (PBKDF2) every
/// password again. Keyed by client id, username and a SHA-256 of the password (the password itself is not kept);
/// a tenant's entries are forgotten when any of its devices' credentials are rotated or revoked.
/// </summary>
public sealed class DeviceCredentialCache
{
    private readonly ConcurrentDictionary<string, (DeviceIdentity Device, long Expires)> _entries = new(StringComparer.Ordinal);
    private long _generation;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _clock;

    public DeviceCredentialCache(TimeSpan duration, TimeProvider clock, DeviceCredentialChanges changes)
    {
        (_duration, _clock) = (duration, clock);
        changes.Changed += Forget;
        changes.MayHaveMissed += ForgetAll;
    }

    public static string Key(string clientId, string username, string password) =>
        clientId + "\n" + username + "\n" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(password)));

    public DeviceIdentity? Find(string key)
    {
        if (!_entries.TryGetValue(key, out var entry)) return null;
        if (entry.Expires > _clock.GetTimestamp()) return entry.Device;
        _entries.TryRemove(KeyValuePair.Create(key, entry));
        return null;
    }

    /// <summary>Taken before verifying: an entry is kept only if no credentials changed meanwhile.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public void Add(string key, DeviceIdentity device, long generation)
    {
        if (_duration <= TimeSpan.Zero) return;
        if (_entries.Count > 100_000) Sweep();
        var expires = _clock.GetTimestamp() + (long)(_duration.TotalSeconds * _clock.TimestampFrequency);
        _entries[key] = (device, expires);
        if (Generation != generation) _entries.TryRemove(key, out _);
    }

    private void Forget(Guid tenantId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (key, entry) in _entries)
            if (entry.Device.TenantId == tenantId) _entries.TryRemove(key, out _);
    }

    private void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private void Sweep()
    {
        var now = _clock.GetTimestamp();
        foreach (var (key, entry) in _entries)
            if (entry.Expires <= now) _entries.TryRemove(key, out _);
    }
}
