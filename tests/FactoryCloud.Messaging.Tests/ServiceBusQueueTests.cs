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
