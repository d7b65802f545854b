using System.Collections.Concurrent;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Infrastructure.Observability;

namespace FactoryCloud.Infrastructure.Pipeline.Inbox;

/// <summary>
/// The embedded default's queue: an accepted message is acknowledged once it is committed to the inbox file, and
/// <see cref="InboxProcessor"/> stores it behind. Commits are grouped across all connections (one writer, one
/// transaction for whatever arrived meanwhile). Each committed group is also handed to the processor in memory, so
/// in the steady state nothing is read back; what did not fit in memory, or was left by a previous process, is read
/// from the file in id order. See docs/decisions/0004-a-durable-inbox-on-the-embedded-default.md.
/// </summary>
public sealed class TelemetryInbox : IAcceptedTelemetrySink, IAsyncDisposable
{
    private readonly InboxFile _file;
    private readonly InboxOptions _options;
    private readonly TimeProvider _clock;
    private readonly BatchingChannel<AcceptedTelemetry> _writes;
    private readonly ConcurrentQueue<CommittedGroup> _memory = new();
    private readonly ConcurrentQueue<(long To, DateTimeOffset ReceivedAt)> _groupStarts = new();
    private readonly ConcurrentDictionary<Guid, long> _pendingPerTenant = new();
    private readonly Pulse _committed = new();
    private readonly Pulse _processed = new();
    private long _nextId;
    private long _lastCommitted;
    private long _processedUpTo;
    private long _pending;
    private int _inMemory;
    private int _disposed;

    public TelemetryInbox(InboxOptions options, TimeProvider clock)
    {
        options.Validate();
        _options = options;
        _clock = clock;
        _file = new InboxFile(options.Path ?? throw new Configuration.InvalidSettingException("Inbox:Path is not resolved."), options.Durability);
        var (first, last, perTenant, oldest) = _file.Describe();
        _lastCommitted = last ?? 0;
        _nextId = _lastCommitted + 1;
        _processedUpTo = (first ?? _nextId) - 1;
        foreach (var (tenant, count) in perTenant) _pendingPerTenant[tenant] = count;
        _pending = perTenant.Values.Sum();
        IngestionInstruments.InboxBacklog.Add(_pending);
        if (oldest is { } receivedAt) _groupStarts.Enqueue((_lastCommitted, receivedAt));
        _writes = new BatchingChannel<AcceptedTelemetry>(AppendAsync, maxBatch: 2000, capacity: 20_000);
    }

    public string Path => _file.Path;

    /// <summary>Returns once the message is durable in the inbox (or the same message already waits there).</summary>
    public async Task WriteAsync(AcceptedTelemetry message, CancellationToken cancellationToken)
    {
        while (Interlocked.Read(ref _pending) >= _options.MaxBacklog)
        {
            var progress = _processed.Next;
            if (Interlocked.Read(ref _pending) < _options.MaxBacklog) break;
            await progress.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        await _writes.WriteAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private Task AppendAsync(IReadOnlyList<AcceptedTelemetry> batch, CancellationToken ct)
    {
        var from = _nextId;
        var kept = _file.Append(batch, from);
        _nextId += batch.Count;
        var group = new List<AcceptedTelemetry>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
            if (kept[i]) group.Add(batch[i]);
        foreach (var tenant in group.GroupBy(m => m.TenantId))
            _pendingPerTenant.AddOrUpdate(tenant.Key, tenant.Count(), (_, n) => n + tenant.Count());
        Interlocked.Add(ref _pending, group.Count);
        IngestionInstruments.InboxBacklog.Add(group.Count);
        var to = from + batch.Count - 1;
        if (group.Count > 0) _groupStarts.Enqueue((to, group[0].ReceivedAt));
        if (Volatile.Read(ref _inMemory) + group.Count <= _options.MaxInMemory)
        {
            Interlocked.Add(ref _inMemory, group.Count);
            _memory.Enqueue(new CommittedGroup(from, to, group));
        }
        Volatile.Write(ref _lastCommitted, to);
        _committed.Fire();
        return Task.CompletedTask;
    }

    /// <summary>The tenant's waiting messages and the oldest message's wait.</summary>
    public IngestionBacklog Backlog(Guid tenantId)
    {
        var processed = Volatile.Read(ref _processedUpTo);
        // One reader prunes at a time: two that saw the same stored head would each dequeue, the second a waiting group.
        lock (_groupStarts)
            while (_groupStarts.TryPeek(out var start) && start.To <= processed) _groupStarts.TryDequeue(out _);
        var waiting = _pendingPerTenant.GetValueOrDefault(tenantId);
        // A tenant with nothing waiting waits for nothing: it is not shown another tenant's backlog.
        if (waiting == 0) return new IngestionBacklog(0, TimeSpan.Zero);
        var oldest = _groupStarts.TryPeek(out var first) ? _clock.GetUtcNow() - first.ReceivedAt : TimeSpan.Zero;
        return new IngestionBacklog(waiting, oldest < TimeSpan.Zero ? TimeSpan.Zero : oldest);
    }

    /// <summary>Messages accepted and not yet stored, of all tenants.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    /// <summary>Completes once everything committed before the call has been stored by the processor.</summary>
    public async Task WaitUntilProcessedAsync(CancellationToken cancellationToken)
    {
        var target = Volatile.Read(ref _lastCommitted);
        while (true)
        {
            var progress = _processed.Next;
            if (Volatile.Read(ref _processedUpTo) >= target) return;
            await progress.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The processor's next batch: the messages after what it has stored, in id order, up to <paramref name="max"/>;
    /// waits until there is one. <c>UpTo</c> is the last id the batch covers (ids of ignored duplicates leave gaps).
    /// </summary>
    internal async Task<(long UpTo, List<AcceptedTelemetry> Messages)> NextBatchAsync(int max, CancellationToken ct)
    {
        var processed = Volatile.Read(ref _processedUpTo);
        while (true)
        {
            var committed = _committed.Next;
            if (Volatile.Read(ref _lastCommitted) > processed) break;
            await committed.WaitAsync(ct).ConfigureAwait(false);
        }
        if (Volatile.Read(ref _lastCommitted) - processed < max && _options.BatchWait > TimeSpan.Zero)
            await Task.Delay(_options.BatchWait, _clock, ct).ConfigureAwait(false);
        var lastCommitted = Volatile.Read(ref _lastCommitted);

        var batch = new List<AcceptedTelemetry>();
        var upTo = processed;
        while (_memory.TryPeek(out var group))
        {
            if (group.To <= upTo)
            {
                Dequeue();
                continue;
            }
            if (group.From != upTo + 1 || (batch.Count > 0 && batch.Count + group.Messages.Count > max)) break;
            Dequeue();
            batch.AddRange(group.Messages);
            upTo = group.To;
        }
        if (upTo > processed) return (upTo, batch);

        // Not in memory (it did not fit, or a previous process left it): read it from the file.
        var limit = _memory.TryPeek(out var next) ? Math.Min(next.From - 1, lastCommitted) : lastCommitted;
        var rows = _file.Read(processed, limit, max);
        upTo = rows.Count == max ? rows[^1].Id : limit;
        return (upTo, rows.ConvertAll(r => r.Message));
    }

    private void Dequeue()
    {
        if (_memory.TryDequeue(out var group)) Interlocked.Add(ref _inMemory, -group.Messages.Count);
    }

    /// <summary>The processor stored everything up to <paramref name="upTo"/>: it leaves the inbox.</summary>
    internal void MarkProcessed(long upTo, IReadOnlyList<AcceptedTelemetry> stored)
    {
        _file.DeleteUpTo(upTo);
        foreach (var tenant in stored.GroupBy(m => m.TenantId))
            _pendingPerTenant.AddOrUpdate(tenant.Key, 0, (_, n) => Math.Max(0, n - tenant.Count()));
        Interlocked.Add(ref _pending, -stored.Count);
        IngestionInstruments.InboxBacklog.Add(-stored.Count);
        Volatile.Write(ref _processedUpTo, upTo);
        _processed.Fire();
    }

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync().ConfigureAwait(false);
        _file.Dispose();
        // What still waits is in the file, for the next process: it no longer waits in this one.
        if (Interlocked.Exchange(ref _disposed, 1) == 0) IngestionInstruments.InboxBacklog.Add(-Interlocked.Read(ref _pending));
    }

    private sealed record CommittedGroup(long From, long To, List<AcceptedTelemetry> Messages);
}
