using System.Text;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Messaging.ServiceBus;
using FactoryCloud.Infrastructure.Pipeline;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Testing.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactoryCloud.Messaging.Tests;

/// <summary>The telemetry processor on the Service Bus SDK transport, against the local Service Bus host.</summary>
public sealed class ServiceBusProcessorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MessagesAreCompletedOnlyAfterTheStoreCommitted_AndAMalformedBatchIsDeadLetteredWithItsReason()
    {
        await using var host = new ServiceBusTestHost("telemetry");
        var options = Options(host);
        await using var client = ServiceBusClientFactory.Create(options.ServiceBus);
        await using var sender = new ServiceBusTelemetryQueueSender(client, options);
        await using var receiver = new ServiceBusTelemetryQueueReceiver(client, options);
        var store = new GatedStore();
        using var processor = new TelemetryProcessor(receiver, store, TimeProvider.System, NullLogger<TelemetryProcessor>.Instance);
        await processor.StartAsync(Ct);

        await sender.SendAsync([Batch("machine-1", 1), new QueueMessage("broken", "machine-2", Encoding.UTF8.GetBytes("{not json"))], Ct);
        await store.Entered.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        // The store has the batch but has not committed: nothing is completed yet.
        Assert.Empty(host.Queue.Completed);

        store.Commit.SetResult();
        // The malformed one may have come with the valid one or after it: either way it is dead-lettered.
        Assert.True(await host.Queue.WaitUntilAsync(q => q.Completed.Count == 1 && q.DeadLettered.Count == 1, TimeSpan.FromSeconds(20), Ct));
        await processor.StopAsync(Ct);

        var deadLetter = Assert.Single(host.Queue.DeadLettered);
        Assert.Equal(("broken", "MalformedBatch"), (deadLetter.MessageId, deadLetter.Reason));
        Assert.False(string.IsNullOrEmpty(deadLetter.Description));
        Assert.Equal(["machine-1:1"], store.DedupKeys);
        Assert.Equal(0, host.Queue.Count);
    }

    [Fact]
    public async Task ASessionHeldLongerThanItsLock_IsRenewedByTheSdk_AndItsMessageStillCompletes()
    {
        await using var host = new ServiceBusTestHost("telemetry", lockDuration: TimeSpan.FromSeconds(4));
        var options = Options(host);
        options.ServiceBus.SessionIdleTimeout = TimeSpan.FromSeconds(30);
        await using var client = ServiceBusClientFactory.Create(options.ServiceBus);
        await using var sender = new ServiceBusTelemetryQueueSender(client, options);
        await using var receiver = new ServiceBusTelemetryQueueReceiver(client, options);
        await sender.SendAsync([Batch("machine-1", 1)], Ct);

        var message = Assert.Single(await receiver.ReceiveAsync(10, TimeSpan.FromSeconds(10), Ct));
        Assert.True(await host.Queue.WaitUntilAsync(_ => host.ManagementOperations.Contains("com.microsoft:renew-session-lock"), TimeSpan.FromSeconds(15), Ct),
            $"management operations: {string.Join(", ", host.ManagementOperations)}");
        await receiver.CompleteAsync(message, Ct);

        Assert.True(await host.Queue.WaitUntilAsync(q => q.Completed.Count == 1, TimeSpan.FromSeconds(10), Ct));
        Assert.Empty(host.Queue.ReleasedSessions);
    }

    private static QueueOptions Options(ServiceBusTestHost host) => new()
    {
        Kind = QueueKind.ServiceBus,
        QueueName = host.QueueName,
        ServiceBus = { ConnectionString = host.ConnectionString(), OperationTimeout = TimeSpan.FromSeconds(5), SessionIdleTimeout = TimeSpan.FromSeconds(1) },
    };

    private static QueueMessage Batch(string machine, int seq)
    {
        var message = new AcceptedTelemetry(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), $"{machine}:{seq}", TelemetryChannel.Count,
            DateTimeOffset.UtcNow, "{}", DateTimeOffset.UtcNow);
        return new QueueMessage(TelemetryBatchCodec.MessageId([message]), machine, TelemetryBatchCodec.Encode([message]));
    }

    /// <summary>A store whose commit waits for the test.</summary>
    private sealed class GatedStore : ITelemetryStore
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Commit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> DedupKeys { get; } = [];

        public async Task<TelemetryStoreResult> StoreAsync(IReadOnlyList<AcceptedTelemetry> batch, CancellationToken ct)
        {
            if (batch.Count == 0)
                return new TelemetryStoreResult(0, 0);
            Entered.TrySetResult();
            await Commit.Task.WaitAsync(ct);
            lock (DedupKeys)
                DedupKeys.AddRange(batch.Select(m => m.DedupKey));
            return new TelemetryStoreResult(batch.Count, 0);
        }
    }
}
