using FactoryCloud.Domain.Telemetry;

namespace FactoryCloud.Infrastructure.Quotas;

/// <summary>
/// The per-message quota check on the ingestion hot path: an in-memory counter per tenant and UTC day, compared with
/// the tenant's limits. No database access and no allocation per message (a dictionary probe and an interlocked
/// increment); <see cref="MessageQuotaRefresher"/> sets the limits and raises the count to what the database has
/// stored today (so a restart or another process's share is counted) in the background.
/// A tenant this process has not counted before is let through until the refresher has read it, which it does at once
/// (<see cref="FirstSeen"/>), and then every interval.
/// </summary>
public sealed class MessageQuota(TimeProvider clock)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Counter> _counters = new();
    private readonly System.Threading.Channels.Channel<Guid> _firstSeen = System.Threading.Channels.Channel.CreateUnbounded<Guid>();

    /// <summary>Tenants this process counts for the first time, for the refresher to read at once.</summary>
    public System.Threading.Channels.ChannelReader<Guid> FirstSeen => _firstSeen.Reader;

    /// <summary>None, or why the message is refused. Counts the message when it is let through.</summary>
    public RefusalReason TryCount(Guid tenantId)
    {
        var counter = _counters.TryGetValue(tenantId, out var known) ? known : Add(tenantId);
        var day = clock.GetUtcNow().UtcTicks / TimeSpan.TicksPerDay;
        if (Volatile.Read(ref counter.Day) != day) counter.StartDay(day);
        if (counter.StorageFull) return Refuse(counter, RefusalReason.StorageQuotaExceeded);
        var limit = Volatile.Read(ref counter.Limit);
        if (Interlocked.Increment(ref counter.Count) <= limit) return RefusalReason.None;
        Interlocked.Decrement(ref counter.Count);
        return Refuse(counter, RefusalReason.MessageQuotaExceeded);
    }

    /// <summary>Whether this refusal is the first of its minute for the tenant (refusals are recorded once a minute).</summary>
    public bool FirstRefusalThisMinute(Guid tenantId)
    {
        if (!_counters.TryGetValue(tenantId, out var counter)) return true;
        var minute = clock.GetUtcNow().UtcTicks / TimeSpan.TicksPerMinute;
        var last = Volatile.Read(ref counter.LastRecordedMinute);
        return last != minute && Interlocked.CompareExchange(ref counter.LastRecordedMinute, minute, last) == last;
    }

    /// <summary>Messages counted today (UTC) and refused today, as this process knows them; null when it has not seen the tenant.</summary>
    public (long Counted, long Refused)? Today(Guid tenantId)
    {
        if (!_counters.TryGetValue(tenantId, out var counter)) return null;
        var day = clock.GetUtcNow().UtcTicks / TimeSpan.TicksPerDay;
        return Volatile.Read(ref counter.Day) == day ? (Volatile.Read(ref counter.Count), Volatile.Read(ref counter.Refused)) : (0, 0);
    }

    /// <summary>The tenants this process has counters for.</summary>
    public IReadOnlyCollection<Guid> Tenants => (IReadOnlyCollection<Guid>)_counters.Keys;

    /// <summary>
    /// Sets a tenant's limits and raises today's count to <paramref name="storedToday"/> (what the database holds for
    /// <paramref name="day"/>): the count never goes down within a day, so messages this process let through but the
    /// database has not stored yet stay counted.
    /// </summary>
    public void Refresh(Guid tenantId, long? messagesPerDay, bool storageFull, DateOnly day, long storedToday)
    {
        var counter = _counters.GetOrAdd(tenantId, static _ => new Counter());
        var dayNumber = day.DayNumber - DateOnly.MinValue.DayNumber;
        if (Volatile.Read(ref counter.Day) != dayNumber) counter.StartDay(dayNumber);
        if (counter.Day == dayNumber)
        {
            long seen;
            do seen = Volatile.Read(ref counter.Count);
            while (storedToday > seen && Interlocked.CompareExchange(ref counter.Count, storedToday, seen) != seen);
        }
        Volatile.Write(ref counter.Limit, messagesPerDay ?? long.MaxValue);
        counter.StorageFull = storageFull;
    }

    private Counter Add(Guid tenantId)
    {
        var counter = new Counter();
        if (!_counters.TryAdd(tenantId, counter)) return _counters[tenantId];
        _firstSeen.Writer.TryWrite(tenantId);
        return counter;
    }

    private static RefusalReason Refuse(Counter counter, RefusalReason reason)
    {
        Interlocked.Increment(ref counter.Refused);
        return reason;
    }

    private sealed class Counter
    {
        public long Day = -1;
        public long Count;
        public long Refused;
        public long Limit = long.MaxValue;
        public long LastRecordedMinute = -1;
        public volatile bool StorageFull;
        private readonly Lock _gate = new();

        public void StartDay(long day)
        {
            lock (_gate)
            {
                if (Day >= day) return;
                Count = 0;
                Refused = 0;
                Volatile.Write(ref Day, day);
            }
        }
    }
}
