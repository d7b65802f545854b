using System.Threading.Channels;

namespace FactoryCloud.Infrastructure.Pipeline;

/// <summary>
/// Collects items from many concurrent writers into batches for one consumer (group commit): each writer awaits its
/// own item's outcome, and a batch is flushed when it is full or when no more items are waiting. Up to
/// <c>concurrentFlushes</c> batches are in flight at once (one commit is written while another waits for the disk);
/// while every flush is busy, arriving items gather into the next batch.
/// </summary>
public sealed class BatchingChannel<T> : IAsyncDisposable
{
    private readonly Channel<(T Item, TaskCompletionSource Done)> _channel;
    private readonly Func<IReadOnlyList<T>, CancellationToken, Task> _flush;
    private readonly int _maxBatch;
    private readonly SemaphoreSlim _flushSlots;
    private readonly int _concurrentFlushes;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public BatchingChannel(Func<IReadOnlyList<T>, CancellationToken, Task> flush, int maxBatch, int capacity, int concurrentFlushes = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrentFlushes, 1);
        _flush = flush;
        _maxBatch = maxBatch;
        _flushSlots = new SemaphoreSlim(concurrentFlushes, concurrentFlushes);
        _concurrentFlushes = concurrentFlushes;
        _channel = Channel.CreateBounded<(T, TaskCompletionSource)>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(RunAsync);
    }

    public async Task WriteAsync(T item, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.Writer.WriteAsync((item, done), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        var flushes = new List<Task>();
        while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
        {
            await _flushSlots.WaitAsync(_stopping.Token).ConfigureAwait(false);
            var batch = new List<(T Item, TaskCompletionSource Done)>(_maxBatch);
            while (batch.Count < _maxBatch && reader.TryRead(out var entry)) batch.Add(entry);
            if (_concurrentFlushes == 1)
            {
                // One writer: flush on this loop, a thread hop less per group (what a device's acknowledgement waits for).
                await FlushAsync(batch).ConfigureAwait(false);
                continue;
            }
            flushes.RemoveAll(f => f.IsCompleted);
            flushes.Add(Task.Run(() => FlushAsync(batch)));
        }
        await Task.WhenAll(flushes).ConfigureAwait(false);
    }

    private async Task FlushAsync(List<(T Item, TaskCompletionSource Done)> batch)
    {
        try
        {
            await _flush(batch.ConvertAll(e => e.Item), _stopping.Token).ConfigureAwait(false);
            foreach (var entry in batch) entry.Done.TrySetResult();
        }
        catch (Exception e)
        {
            foreach (var entry in batch) entry.Done.TrySetException(e);
        }
        finally
        {
            _flushSlots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stopping.Dispose();
        _flushSlots.Dispose();
    }
}
