using FactoryCloud.Infrastructure.Pipeline;

namespace FactoryCloud.IntegrationTests.Infrastructure.Pipeline;

public sealed class BatchingChannelTests
{
    [Fact]
    public async Task A_writer_completes_only_after_the_flush_of_its_batch()
    {
        var release = new TaskCompletionSource();
        await using var channel = new BatchingChannel<int>(async (_, _) => await release.Task, maxBatch: 10, capacity: 100);

        var write = channel.WriteAsync(1, CancellationToken.None);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(write.IsCompleted);

        release.SetResult();
        await write.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Items_arriving_while_every_flush_is_busy_gather_into_the_next_batches_which_run_side_by_side()
    {
        var batches = new List<int[]>();
        var release = new TaskCompletionSource();
        var running = 0;
        var maxRunning = 0;
        await using var channel = new BatchingChannel<int>(async (batch, _) =>
        {
            var now = Interlocked.Increment(ref running);
            lock (batches)
            {
                batches.Add([.. batch]);
                maxRunning = Math.Max(maxRunning, now);
            }
            await release.Task;
            Interlocked.Decrement(ref running);
        }, maxBatch: 1000, capacity: 1000, concurrentFlushes: 2);

        var first = channel.WriteAsync(0, CancellationToken.None);
        var second = channel.WriteAsync(1, CancellationToken.None);
        await WaitUntilAsync(() => Volatile.Read(ref running) == 2 || batches.Count == 1 && batches[0].Length == 2);
        var waiting = Enumerable.Range(2, 50).Select(i => channel.WriteAsync(i, CancellationToken.None)).ToList();
        release.SetResult();
        await Task.WhenAll([first, second, .. waiting]).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(0, 52), batches.SelectMany(b => b).Order());
        Assert.True(batches.Count <= 4, $"52 items took {batches.Count} batches");
        Assert.True(maxRunning <= 2);
    }

    [Fact]
    public async Task A_failed_flush_fails_its_own_writers_and_later_batches_still_flush()
    {
        var calls = 0;
        await using var channel = new BatchingChannel<int>((_, _) =>
            Interlocked.Increment(ref calls) == 1 ? Task.FromException(new InvalidOperationException("disk full")) : Task.CompletedTask,
            maxBatch: 10, capacity: 100, concurrentFlushes: 2);

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => channel.WriteAsync(1, CancellationToken.None));
        Assert.Equal("disk full", failed.Message);
        await channel.WriteAsync(2, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
    }
}
