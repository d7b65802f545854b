using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Infrastructure.Configuration;
using FactoryCloud.Infrastructure.Pipeline.Inbox;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactoryCloud.IntegrationTests.Infrastructure.Pipeline.Inbox;

/// <summary>
/// The inbox refuses nothing valid and keeps nothing twice: on a real SQLite file, with its processor storing through
/// the real <see cref="TelemetryStore"/> on SQLite. "Processed" means handed to a store that committed it.
/// </summary>
public sealed class TelemetryInboxTests(DatabaseServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset RecentTs => DateTimeOffset.UtcNow.AddMinutes(-1);

    [Fact]
    public async Task A_message_resent_while_its_first_copy_waits_is_acknowledged_and_kept_once()
    {
        await using var harness = await InboxHarness.CreateAsync(servers);
        var device = await harness.DeviceAsync();
        var message = InboxHarness.Count(device, RecentTs);

        await harness.Inbox.WriteAsync(message, Ct);
        await harness.Inbox.WriteAsync(message, Ct);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => harness.Inbox.WriteAsync(message, Ct), Ct)));

        Assert.Equal(1, harness.Inbox.Pending);
        Assert.Equal(1, harness.Inbox.Backlog(device.TenantId).TenantMessages);
        Assert.Equal(new[] { message.DedupKey }, harness.DedupKeysInFile());

        await harness.StartProcessorAsync();
        await harness.WaitUntilProcessedAsync();
        Assert.Equal(new[] { message.DedupKey }, harness.Store.Handed.Select(m => m.DedupKey));
        Assert.Equal((1, 1L), await harness.StoredAsync(device));

        // Resent after it was stored: the inbox takes it again, the store's unique key keeps it from counting twice.
        await harness.Inbox.WriteAsync(message, Ct);
        await harness.WaitUntilProcessedAsync();
        Assert.Equal((1, 1L), await harness.StoredAsync(device));
        Assert.Equal(0, harness.Inbox.Pending);
        Assert.Empty(harness.DedupKeysInFile());
    }

    [Fact]
    public async Task Concurrent_writers_are_all_acknowledged_and_each_message_is_processed_once_in_acknowledgement_order()
    {
        await using var harness = await InboxHarness.CreateAsync(servers, new InboxOptions { ProcessBatch = 64 });
        var tenant = (await TenantPair.CreateAsync(harness.Database)).A;
        var devices = new List<TelemetryTestDevice>();
        for (var i = 0; i < 8; i++) devices.Add(await harness.DeviceAsync(tenant));
        await harness.StartProcessorAsync();

        const int perDevice = 150;
        var sent = await WriteConcurrentlyAsync(harness.Inbox, devices, perDevice);
        await harness.WaitUntilProcessedAsync();

        AssertEachProcessedOnceInOrder(sent, harness.Store.Handed);
        foreach (var device in devices) Assert.Equal((perDevice, (long)perDevice), await harness.StoredAsync(device));
        Assert.Equal(0, harness.Inbox.Pending);
        Assert.Equal(0, harness.Inbox.Backlog(tenant).TenantMessages);
        Assert.Empty(harness.DedupKeysInFile());
    }

    [Fact]
    public async Task Messages_left_in_the_file_by_a_previous_inbox_are_re_read_and_stored_once_by_the_next()
    {
        await using var harness = await InboxHarness.CreateAsync(servers, new InboxOptions { ProcessBatch = 50 });
        var devices = new[] { await harness.DeviceAsync(), await harness.DeviceAsync() };
        var sent = await WriteConcurrentlyAsync(harness.Inbox, devices, 150);
        Assert.Equal(300, harness.Inbox.Pending);

        // The previous process stored part of its inbox and died before deleting it from the file.
        var storedBefore = sent[devices[0]].Take(40).ToList();
        await new TelemetryStore(harness.Database.Contexts, harness.Database.IngestionSettings, NullLogger<TelemetryStore>.Instance).StoreAsync(storedBefore, Ct);

        await harness.ReopenAsync();
        Assert.Equal(300, harness.Inbox.Pending);
        Assert.Equal(150, harness.Inbox.Backlog(devices[0].TenantId).TenantMessages);
        Assert.Equal(150, harness.Inbox.Backlog(devices[1].TenantId).TenantMessages);
        Assert.True(harness.Inbox.Backlog(devices[0].TenantId).OldestWait > TimeSpan.Zero);

        await harness.StartProcessorAsync();
        await harness.WaitUntilProcessedAsync();
        var handed = harness.Store.Handed;
        AssertEachProcessedOnceInOrder(sent, handed);
        Assert.All(handed, m => Assert.Null(m.Reading)); // re-read from the file, parsed again from the payload
        foreach (var device in devices) Assert.Equal((150, 150L), await harness.StoredAsync(device));

        // The reopened inbox goes on after the recovered messages.
        var later = InboxHarness.Count(devices[0], RecentTs);
        await harness.Inbox.WriteAsync(later, Ct);
        await harness.WaitUntilProcessedAsync();
        Assert.Equal(later.DedupKey, harness.Store.Handed[^1].DedupKey);
        Assert.Equal((151, 151L), await harness.StoredAsync(devices[0]));

        await harness.ReopenAsync();
        Assert.Equal(0, harness.Inbox.Pending);
        Assert.Empty(harness.DedupKeysInFile());
    }

    [Fact]
    public async Task Past_MaxInMemory_messages_are_read_back_from_the_file_and_still_processed_once_in_order()
    {
        await using var harness = await InboxHarness.CreateAsync(servers, new InboxOptions { MaxInMemory = 10, ProcessBatch = 7 });
        var tenant = (await TenantPair.CreateAsync(harness.Database)).A;
        var first = await harness.DeviceAsync(tenant);
        var sent = new Dictionary<TelemetryTestDevice, List<AcceptedTelemetry>> { [first] = [] };
        for (var i = 0; i < 40; i++)
        {
            var message = InboxHarness.Count(first, RecentTs);
            await harness.Inbox.WriteAsync(message, Ct);
            sent[first].Add(message);
        }

        // The processor starts on 10 messages held in memory and 30 only in the file, while more keep arriving.
        await harness.StartProcessorAsync();
        var others = new List<TelemetryTestDevice>();
        for (var i = 0; i < 4; i++) others.Add(await harness.DeviceAsync(tenant));
        foreach (var (device, messages) in await WriteConcurrentlyAsync(harness.Inbox, others, 100)) sent[device] = messages;
        await harness.WaitUntilProcessedAsync();

        var handed = harness.Store.Handed;
        AssertEachProcessedOnceInOrder(sent, handed);
        Assert.All(handed.Take(10), m => Assert.NotNull(m.Reading));
        Assert.All(handed.Skip(10).Take(30), m => Assert.Null(m.Reading));
        Assert.Equal((40, 40L), await harness.StoredAsync(first));
        foreach (var device in others) Assert.Equal((100, 100L), await harness.StoredAsync(device));
        Assert.Empty(harness.DedupKeysInFile());
    }

    [Fact]
    public async Task At_MaxBacklog_writers_wait_until_the_processor_catches_up_and_none_fails()
    {
        await using var harness = await InboxHarness.CreateAsync(servers, new InboxOptions { MaxBacklog = 5, ProcessBatch = 3 });
        var device = await harness.DeviceAsync();
        var sent = new List<AcceptedTelemetry>();
        for (var i = 0; i < 5; i++)
        {
            sent.Add(InboxHarness.Count(device, RecentTs));
            await harness.Inbox.WriteAsync(sent[^1], Ct);
        }

        var waiting = Enumerable.Range(0, 20).Select(_ => InboxHarness.Count(device, RecentTs)).ToList();
        sent.AddRange(waiting);
        var writes = waiting.Select(m => Task.Run(() => harness.Inbox.WriteAsync(m, Ct), Ct)).ToList();
        // Not a wait for success: an unblocked write commits within milliseconds; these must still be waiting after
        // this, with nothing more in the inbox.
        var all = Task.WhenAll(writes);
        Assert.NotSame(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromMilliseconds(500), Ct)));
        Assert.All(writes, w => Assert.False(w.IsCompleted));
        Assert.Equal(5, harness.Inbox.Pending);
        Assert.Equal(5, harness.DedupKeysInFile().Count);

        await harness.StartProcessorAsync();
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            deadline.CancelAfter(TimeSpan.FromMinutes(2));
            await all.WaitAsync(deadline.Token);
        }
        await harness.WaitUntilProcessedAsync();

        Assert.Equal(sent.Select(m => m.DedupKey).Order(), harness.Store.Handed.Select(m => m.DedupKey).Order());
        Assert.Equal((25, 25L), await harness.StoredAsync(device));
        Assert.Equal(0, harness.Inbox.Pending);
    }

    [Fact]
    public async Task A_second_inbox_on_the_same_file_is_refused_with_a_clear_message()
    {
        await using var harness = await InboxHarness.CreateAsync(servers);

        var refused = Assert.Throws<InvalidSettingException>(() => new TelemetryInbox(harness.Options, TimeProvider.System));
        Assert.Contains(harness.Options.Path!, refused.Message, StringComparison.Ordinal);
        Assert.Contains("in use", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Inbox:Path", refused.Message, StringComparison.Ordinal);

        // The refusal took nothing from the holder, and once it closes the file is free again.
        var device = await harness.DeviceAsync();
        await harness.Inbox.WriteAsync(InboxHarness.Count(device, RecentTs), Ct);
        await harness.ReopenAsync();
        Assert.Equal(1, harness.Inbox.Pending);
    }

    [Fact]
    public async Task A_failing_store_is_retried_and_its_messages_stay_in_the_inbox_until_it_succeeds()
    {
        await using var harness = await InboxHarness.CreateAsync(servers);
        var failing = new FailingStore(harness.Store, failures: 3, harness);
        harness.ProcessorStore = failing;
        var device = await harness.DeviceAsync();
        await harness.StartProcessorAsync();

        var sent = (await WriteConcurrentlyAsync(harness.Inbox, [device], 50))[device];
        await harness.WaitUntilProcessedAsync();

        Assert.Equal(3, failing.Failures.Count);
        Assert.All(failing.Failures, f => Assert.Empty(f.Batch.Except(f.InFileAtFailure)));
        Assert.Equal(sent.Select(m => m.DedupKey).Order(), harness.Store.Handed.Select(m => m.DedupKey).Order());
        Assert.Equal((50, 50L), await harness.StoredAsync(device));
        Assert.Empty(harness.DedupKeysInFile());
    }

    [Fact]
    public async Task Messages_the_store_could_not_take_before_a_restart_are_stored_after_it()
    {
        await using var harness = await InboxHarness.CreateAsync(servers);
        var failing = new FailingStore(harness.Store, failures: int.MaxValue, harness);
        harness.ProcessorStore = failing;
        var device = await harness.DeviceAsync();
        await harness.StartProcessorAsync();
        var sent = (await WriteConcurrentlyAsync(harness.Inbox, [device], 30))[device];
        await failing.FirstFailure.WaitAsync(TimeSpan.FromMinutes(1), Ct);

        harness.ProcessorStore = harness.Store; // the database is back when the process starts again
        await harness.ReopenAsync();
        await harness.StartProcessorAsync();
        await harness.WaitUntilProcessedAsync();

        Assert.Equal(sent.Select(m => m.DedupKey).Order(), harness.Store.Handed.Select(m => m.DedupKey).Order());
        Assert.Equal((30, 30L), await harness.StoredAsync(device));
    }

    [Fact]
    public async Task Under_sustained_writes_the_inbox_write_ahead_log_stays_bounded()
    {
        // Four connections publishing without pause: the log gets a group commit every few tens of microseconds, so a
        // checkpoint that only copies what it finds (and never makes the next commit start the log again) lets it grow
        // by about 7 KB a message, for as long as the stream lasts.
        const long bound = 2 * 64 * 1024 * 1024;
        await using var harness = await InboxHarness.CreateAsync(servers);
        var devices = new List<TelemetryTestDevice>();
        for (var i = 0; i < 4; i++) devices.Add(await harness.DeviceAsync());
        await harness.StartProcessorAsync();
        var log = new FileInfo(harness.Options.Path + "-wal");
        long largest = 0;

        var sent = await WriteConcurrentlyAsync(harness.Inbox, devices, 15_000, afterEach: () =>
        {
            log.Refresh();
            if (log.Exists) largest = Math.Max(largest, log.Length);
        });
        await harness.WaitUntilProcessedAsync();

        Assert.True(largest <= bound, $"The inbox's write-ahead log grew to {largest / 1_048_576} MiB for {sent.Values.Sum(l => l.Count)} messages.");
        Assert.Equal(sent.Values.Sum(l => l.Count), harness.Store.Handed.Count);
    }

    [Fact]
    public async Task Concurrent_health_reads_report_the_wait_of_the_oldest_message_not_yet_stored()
    {
        await using var harness = await InboxHarness.CreateAsync(servers, new InboxOptions { ProcessBatch = 1_000, BatchWait = TimeSpan.Zero });
        var secondBatch = new HeldAfterFirstBatch(harness.Store);
        harness.ProcessorStore = secondBatch;
        var device = await harness.DeviceAsync();
        // 2,000 groups of one message each, received a second apart: the first 1,000 are stored, the rest wait.
        var start = DateTimeOffset.UtcNow.AddSeconds(-3_000);
        for (var i = 0; i < 2_000; i++)
            await harness.Inbox.WriteAsync(InboxHarness.Count(device, start.AddSeconds(-10)) with { ReceivedAt = start.AddSeconds(i) }, Ct);
        await harness.StartProcessorAsync();
        await secondBatch.Held.WaitAsync(TimeSpan.FromMinutes(1), Ct);

        // Many readers at once (pages refresh, API calls) each drop the stored messages' entries as they read.
        using var ready = new Barrier(8);
        var waits = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            ready.SignalAndWait(Ct);
            return harness.Inbox.Backlog(device.TenantId).OldestWait;
        }, Ct)));

        var oldestWaiting = DateTimeOffset.UtcNow - start.AddSeconds(1_000);
        Assert.All(waits.Append(harness.Inbox.Backlog(device.TenantId).OldestWait), wait => Assert.InRange(wait, oldestWaiting - TimeSpan.FromSeconds(0.5), oldestWaiting + TimeSpan.FromMinutes(1)));
        Assert.Equal(1_000, harness.Inbox.Backlog(device.TenantId).TenantMessages);
        secondBatch.Release();
        await harness.WaitUntilProcessedAsync();
    }

    /// <summary>One task per device writes its messages one after another (each awaited, as one MQTT connection does).</summary>
    /// <param name="afterEach">Called by the first device's task after each of its acknowledgements.</param>
    private static async Task<Dictionary<TelemetryTestDevice, List<AcceptedTelemetry>>> WriteConcurrentlyAsync(
        TelemetryInbox inbox, IReadOnlyList<TelemetryTestDevice> devices, int perDevice, Action? afterEach = null)
    {
        var messages = devices.ToDictionary(d => d, d => Enumerable.Range(0, perDevice).Select(_ => InboxHarness.Count(d, RecentTs)).ToList());
        await Task.WhenAll(messages.Values.Select((list, index) => Task.Run(async () =>
        {
            foreach (var message in list)
            {
                await inbox.WriteAsync(message, Ct);
                if (index == 0) afterEach?.Invoke();
            }
        }, Ct)));
        return messages;
    }

    /// <summary>
    /// Each message was handed to the store exactly once, nothing else was, and each device's messages in the order they
    /// were acknowledged (a device awaits each acknowledgement before sending the next).
    /// </summary>
    private static void AssertEachProcessedOnceInOrder(Dictionary<TelemetryTestDevice, List<AcceptedTelemetry>> sent, IReadOnlyList<AcceptedTelemetry> handed)
    {
        Assert.Equal(sent.Values.Sum(l => l.Count), handed.Count);
        Assert.Equal(handed.Count, handed.Select(m => m.DedupKey).Distinct().Count());
        foreach (var (device, messages) in sent)
            Assert.Equal(messages.Select(m => m.DedupKey), handed.Where(m => m.MachineId == device.MachineId).Select(m => m.DedupKey));
    }

    /// <summary>The real store; the processor's second batch waits until <see cref="Release"/>.</summary>
    private sealed class HeldAfterFirstBatch(ITelemetryStore inner) : ITelemetryStore
    {
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public Task Held => _held.Task;

        public void Release() => _released.TrySetResult();

        public async Task<TelemetryStoreResult> StoreAsync(IReadOnlyList<AcceptedTelemetry> batch, CancellationToken ct)
        {
            if (Interlocked.Increment(ref _calls) == 2)
            {
                _held.TrySetResult();
                await _released.Task.WaitAsync(ct);
            }
            return await inner.StoreAsync(batch, ct);
        }
    }

    /// <summary>
    /// The real store behind a database that is down for the first <c>failures</c> attempts; at each failure it notes
    /// which messages the inbox file still holds.
    /// </summary>
    private sealed class FailingStore(ITelemetryStore inner, int failures, InboxHarness harness) : ITelemetryStore
    {
        private readonly TaskCompletionSource _firstFailure = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<(List<string> Batch, List<string> InFileAtFailure)> Failures { get; } = [];

        public Task FirstFailure => _firstFailure.Task;

        public Task<TelemetryStoreResult> StoreAsync(IReadOnlyList<AcceptedTelemetry> batch, CancellationToken ct)
        {
            if (Failures.Count >= failures) return inner.StoreAsync(batch, ct);
            Failures.Add((batch.Select(m => m.DedupKey).ToList(), harness.DedupKeysInFile()));
            _firstFailure.TrySetResult();
            throw new InvalidOperationException("The database is unavailable (test).");
        }
    }
}
