using System.Text;
using Amqp.Framing;
using Azure.Messaging.ServiceBus;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Messaging.ServiceBus;
using FactoryCloud.Testing.ServiceBus;

namespace FactoryCloud.Messaging.Tests;

/// <summary>
/// The Service Bus transport (Azure.Messaging.ServiceBus 7.21) against <see cref="ServiceBusTestHost"/>, a local AMQP
/// 1.0 host speaking the subset of Service Bus the SDK uses: no emulator runs here.
/// </summary>
public sealed class ServiceBusQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messages_GoWithMessageIdAndTheMachineAsSession_AndComeBackInOrderPerMachine_ThenCompleted()
    {
        await using var host = new ServiceBusTestHost("telemetry");
        await using var transport = Transport.Create(host);
        var batch = Enumerable.Range(1, 30).Select(i => Message($"m-{i}", $"machine-{i % 3}", $"{{\"seq\":{i}}}")).ToList();

        await transport.Sender.SendAsync(batch, Ct);
        var received = await ReceiveAndCompleteAsync(transport.Receiver, 30);

        Assert.Equal(batch.Select(m => (m.MessageId, m.PartitionKey)).Order(), received.Select(m => (m.MessageId, m.PartitionKey)).Order());
        foreach (var machine in received.GroupBy(m => m.PartitionKey))
            Assert.Equal(batch.Where(m => m.PartitionKey == machine.Key).Select(m => m.MessageId), machine.Select(m => m.MessageId));
        Assert.All(received, m => Assert.Equal((1, "application/json"), (m.DeliveryCount, m.ContentType)));
        Assert.Equal("{\"seq\":1}", Encoding.UTF8.GetString(received.Single(m => m.MessageId == "m-1").Body.Span));
        Assert.All(host.Queue.Accepted, m => Assert.Equal(m.Properties.GroupId, batch.Single(b => b.MessageId == m.Properties.MessageId).PartitionKey));
        Assert.True(await host.Queue.WaitUntilAsync(q => q.Completed.Count == 30, TimeSpan.FromSeconds(10), Ct));
        Assert.All(host.Queue.Attaches.Where(a => a.GrantedSession is not null), a => Assert.True(a.HasSessionFilter));
        Assert.Equal(["machine-0", "machine-1", "machine-2"], host.Queue.Attaches.Select(a => a.GrantedSession).OfType<string>().Distinct().Order());
        // The SDK authorizes each link with a SAS token put to $cbs.
        Assert.Contains(host.PutTokenRequests, r => (r.Operation, r.Type, r.StatusCode) == ("put-token", "servicebus.windows.net:sastoken", 200));
    }

    [Fact]
    public async Task TheSdkPutsASasTokenForTheQueueOnCbs_AndAWrongKeyIsRefusedAsAQueueFailure()
    {
        await using var host = new ServiceBusTestHost("telemetry");
        await using (var transport = Transport.Create(host))
            await transport.Sender.SendAsync([Message("m-1", "machine-1", "{}")], Ct);
        await using var wrongKey = Transport.Create(host, key: Convert.ToBase64String(new byte[32]));

        var error = await Assert.ThrowsAsync<TelemetryQueueException>(() => wrongKey.Sender.SendAsync([Message("m-2", "machine-1", "{}")], Ct));

        var granted = host.PutTokenRequests.First(r => r.StatusCode == 200);
        Assert.Equal(("put-token", "servicebus.windows.net:sastoken"), (granted.Operation, granted.Type));
        Assert.Equal("telemetry", ServiceBusTestHost.EntityOf(granted.Name));
        Assert.StartsWith("SharedAccessSignature ", granted.Token, StringComparison.Ordinal);
        Assert.Contains(host.PutTokenRequests, r => r.StatusCode == 401);
        Assert.Contains("Do not acknowledge", error.Message, StringComparison.Ordinal);
        Assert.Equal(["m-1"], host.Queue.Accepted.Select(m => (string)m.Properties.MessageId));
    }

    [Fact]
    public async Task ALargeBatch_IsSplitIntoSizeCheckedSdkBatches_AndASecondSendOfTheSameIdsIsDroppedByDuplicateDetection()
    {
        await using var host = new ServiceBusTestHost("telemetry");
        await using var transport = Transport.Create(host);
        var payload = "{\"pad\":\"" + new string('x', 20_000) + "\"}";
        var batch = Enumerable.Range(1, 40).Select(i => Message($"big-{i}", $"machine-{i % 2}", payload)).ToList();

        await transport.Sender.SendAsync(batch, Ct);
        await transport.Sender.SendAsync(batch, Ct);

        // 800 kB for two sessions does not fit one 256 kB batch: each machine's messages went in several, in order.
        Assert.True(host.Batches.Count >= 4, $"{host.Batches.Count} batches");
        Assert.Equal(80, host.SentMessages.Sum(m => m.Format == 0x80013700 ? 0 : 1) + host.Batches.Sum());
        Assert.Equal(batch.Select(m => m.MessageId), host.Queue.Accepted.Select(m => (string)m.Properties.MessageId).OrderBy(id => int.Parse(id[4..], System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var machine in batch.GroupBy(m => m.PartitionKey))
            Assert.Equal(machine.Select(m => m.MessageId), host.Queue.Accepted.Where(m => m.Properties.GroupId == machine.Key).Select(m => (string)m.Properties.MessageId));
    }

    [Fact]
    public async Task AnAbandonedMessage_ComesBackWithTheNextDeliveryCount_AndAtTheMaximumIsDeadLetteredWithTheReason()
    {
        await using var host = new ServiceBusTestHost("telemetry");
        await using var transport = Transport.Create(host, maxDeliveryCount: 3);
        await transport.Sender.SendAsync([Message("poison", "machine-1", "{}"), Message("bad", "machine-2", "not json")], Ct);

        var counts = new List<int>();
        while (counts.Count < 3)
        {
            foreach (var message in await transport.Receiver.ReceiveAsync(10, TimeSpan.FromSeconds(2), Ct))
            {
                if (message.MessageId == "bad")
                {
                    await transport.Receiver.DeadLetterAsync(message, "MalformedBatch", "'n' is an invalid start of a value.", Ct);
                    continue;
                }

                counts.Add(message.DeliveryCount);
                await transport.Receiver.AbandonAsync(message, Ct);
            }
        }

        Assert.Equal([1, 2, 3], counts);
        Assert.True(await host.Queue.WaitUntilAsync(q => q.DeadLettered.Count == 2, TimeSpan.FromSeconds(10), Ct));
        var deadLettered = host.Queue.DeadLettered.ToDictionary(d => d.MessageId!);
        Assert.Equal((DeadLetterReasons.MaxDeliveryCountExceeded, "Abandoned on delivery 3 of at most 3."), (deadLettered["poison"].Reason, deadLettered["poison"].Description));
        Assert.Equal(("MalformedBatch", "'n' is an invalid start of a value."), (deadLettered["bad"].Reason, deadLettered["bad"].Description));
        Assert.Equal(2, host.Queue.Settlements.Count(s => s.State is Modified));
        Assert.Equal(0, host.Queue.Count);
    }

    [Fact]
    public async Task MessagesLeftUnsettledByAStoppedReceiver_AreDeliveredAgainToTheNext_WithTheirDeliveryCount()
    {
        await using var host = new ServiceBusTestHost("telemetry");
        await using var first = Transport.Create(host);
        await first.Sender.SendAsync([Message("a-1", "machine-a", "{}"), Message("b-1", "machine-b", "{}")], Ct);
        var unsettled = await first.Receiver.ReceiveAsync(10, TimeSpan.FromSeconds(5), Ct);
        Assert.NotEmpty(unsettled);

        await first.Receiver.DisposeAsync();
        await using var next = Transport.Create(host);
        var again = await ReceiveAndCompleteAsync(next.Receiver, 2);

        Assert.Equal(["a-1", "b-1"], again.Select(m => m.MessageId).Order());
        Assert.All(again.Where(m => unsettled.Any(u => u.MessageId == m.MessageId)), m => Assert.Equal(2, m.DeliveryCount));
        await Assert.ThrowsAsync<TelemetryQueueException>(() => first.Receiver.CompleteAsync(unsettled[0], Ct));
    }

    [Fact]
    public async Task AfterTheConnectionIsLost_TheSdkReconnects_AndAResentMessageIsKeptOnce()
    {
        await using var host = new ServiceBusTestHost("telemetry");
        await using var transport = Transport.Create(host);
        await transport.Sender.SendAsync([Message("before", "machine-1", "{}")], Ct);

        host.DropConnections();
        await transport.Sender.SendAsync([Message("before", "machine-1", "{}"), Message("after", "machine-1", "{}")], Ct);
        var received = await ReceiveAndCompleteAsync(transport.Receiver, 2);

        Assert.Equal(["before", "after"], received.Select(m => m.MessageId));
        Assert.Equal(["before", "after"], host.Queue.Accepted.Select(m => (string)m.Properties.MessageId));
        Assert.True(host.PutTokenRequests.Count(r => r.StatusCode == 200) >= 2, "the new connection authorized its links again");
    }

    private static QueueMessage Message(string id, string machine, string json) => new(id, machine, Encoding.UTF8.GetBytes(json));

    private static async Task<List<ReceivedQueueMessage>> ReceiveAndCompleteAsync(ITelemetryQueueReceiver receiver, int count)
    {
        var received = new List<ReceivedQueueMessage>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            var batch = await receiver.ReceiveAsync(count, TimeSpan.FromSeconds(1), Ct);
            received.AddRange(batch);
            // Each session hands over its next message once the previous one is settled: settle as the processor does.
            foreach (var message in batch)
                await receiver.CompleteAsync(message, Ct);
        }

        return received;
    }

    /// <summary>One client, its sender and its receiver, as the app registers them.</summary>
    private sealed class Transport(ServiceBusClient client, ServiceBusTelemetryQueueSender sender, ServiceBusTelemetryQueueReceiver receiver) : IAsyncDisposable
    {
        public ServiceBusTelemetryQueueSender Sender { get; } = sender;

        public ServiceBusTelemetryQueueReceiver Receiver { get; } = receiver;

        public static Transport Create(ServiceBusTestHost host, string? key = null, int maxDeliveryCount = 10)
        {
            var options = new QueueOptions
            {
                Kind = QueueKind.ServiceBus,
                QueueName = host.QueueName,
                MaxDeliveryCount = maxDeliveryCount,
                ServiceBus = { ConnectionString = host.ConnectionString(key), OperationTimeout = TimeSpan.FromSeconds(5), SessionIdleTimeout = TimeSpan.FromMilliseconds(500) },
            };
            var client = ServiceBusClientFactory.Create(options.ServiceBus);
            return new Transport(client, new ServiceBusTelemetryQueueSender(client, options), new ServiceBusTelemetryQueueReceiver(client, options));
        }

        public async ValueTask DisposeAsync()
        {
            await Receiver.DisposeAsync();
            await Sender.DisposeAsync();
            await client.DisposeAsync();
        }
    }
}
