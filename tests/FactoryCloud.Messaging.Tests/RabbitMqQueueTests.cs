using System.Diagnostics;
using System.Text;
using Amqp;
using Amqp.Framing;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Messaging.Amqp;

namespace FactoryCloud.Messaging.Tests;

[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqQueueTests(RabbitMqFixture rabbit)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABatchOf1000_IsReceivedExactlyOnce_WithIdsPartitionKeysBodiesAndPerPartitionOrderIntact()
    {
        var options = rabbit.Options(RabbitMqFixture.UniqueQueueName("batch"));
        await using var sender = new AmqpTelemetryQueueSender(options);
        await using var receiver = new AmqpTelemetryQueueReceiver(options);
        var batch = Enumerable.Range(0, 1000).Select(i => Message($"m-{i:0000}", $"machine-{i % 7}")).ToList();

        var sending = Stopwatch.StartNew();
        await sender.SendAsync(batch, Ct);
        sending.Stop();

        var receiving = Stopwatch.StartNew();
        var received = new List<ReceivedQueueMessage>();
        while (received.Count < batch.Count && receiving.Elapsed < TimeSpan.FromSeconds(30))
        {
            var messages = await receiver.ReceiveAsync(200, TimeSpan.FromSeconds(2), Ct);
            foreach (var message in messages)
                await receiver.CompleteAsync(message, Ct);
            received.AddRange(messages);
        }

        receiving.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"1000 messages: send {sending.ElapsedMilliseconds} ms, receive+complete {receiving.ElapsedMilliseconds} ms (includes link attach).");

        Assert.Equal(batch.Select(m => m.MessageId).Order(), received.Select(m => m.MessageId).Order());
        foreach (var message in received)
        {
            var sent = batch[int.Parse(message.MessageId[2..], System.Globalization.CultureInfo.InvariantCulture)];
            Assert.Equal(sent.PartitionKey, message.PartitionKey);
            Assert.Equal(sent.Body.ToArray(), message.Body.ToArray());
            Assert.Equal("application/json", message.ContentType);
            Assert.Equal(1, message.DeliveryCount);
        }

        foreach (var partition in batch.GroupBy(m => m.PartitionKey))
            Assert.Equal(partition.Select(m => m.MessageId), received.Where(m => m.PartitionKey == partition.Key).Select(m => m.MessageId));
        Assert.Empty(await receiver.ReceiveAsync(10, TimeSpan.FromMilliseconds(300), Ct));
    }

    [Fact]
    public async Task ManyCreditRefillsWhileDeliveriesAreInFlight_NeverOverrunTheReceiveLink()
    {
        // RabbitMQ 3.x over-grants on a flow sent while deliveries are on the wire; AMQPNetLite then closes the link.
        var options = rabbit.Options(RabbitMqFixture.UniqueQueueName("credit"));
        options.Amqp.PrefetchCount = 16;
        await using var sender = new AmqpTelemetryQueueSender(options);
        await using var receiver = new AmqpTelemetryQueueReceiver(options);
        await sender.SendAsync([.. Enumerable.Range(0, 5000).Select(i => Message($"c-{i}", "machine-1"))], Ct);

        var received = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (received < 5000 && DateTime.UtcNow < deadline)
        {
            var messages = await receiver.ReceiveAsync(7, TimeSpan.FromSeconds(2), Ct);
            Assert.InRange(messages.Count, 1, 7);
            foreach (var message in messages)
                await receiver.CompleteAsync(message, Ct);
            received += messages.Count;
        }

        Assert.Equal(5000, received);
    }

    [Fact]
    public async Task AnAbandonedMessage_IsDeliveredAgain_WithDeliveryCountTwo()
    {
        var options = rabbit.Options(RabbitMqFixture.UniqueQueueName("abandon"));
        await using var sender = new AmqpTelemetryQueueSender(options);
        await using var receiver = new AmqpTelemetryQueueReceiver(options);
        await sender.SendAsync([Message("retry-me", "machine-1")], Ct);

        var first = Assert.Single(await receiver.ReceiveAsync(10, TimeSpan.FromSeconds(5), Ct));
        await receiver.AbandonAsync(first, Ct);
        var second = Assert.Single(await receiver.ReceiveAsync(10, TimeSpan.FromSeconds(5), Ct));
        await receiver.CompleteAsync(second, Ct);

        Assert.Equal(("retry-me", 1), (first.MessageId, first.DeliveryCount));
        Assert.Equal(("retry-me", "machine-1", 2), (second.MessageId, second.PartitionKey, second.DeliveryCount));
        Assert.Empty(await receiver.ReceiveAsync(10, TimeSpan.FromMilliseconds(300), Ct));
    }

    [Fact]
    public async Task MessagesOfAReceiverDisposedWithoutSettling_GoToTheNextReceiver()
    {
        var options = rabbit.Options(RabbitMqFixture.UniqueQueueName("handover"));
        await using var sender = new AmqpTelemetryQueueSender(options);
        var ids = Enumerable.Range(0, 5).Select(i => $"h-{i}").ToList();
        await sender.SendAsync([.. ids.Select(id => Message(id, "machine-1"))], Ct);

        var crashed = new AmqpTelemetryQueueReceiver(options);
        var taken = await ReceiveAtLeastAsync(crashed, ids.Count);
        await crashed.DisposeAsync();

        await using var next = new AmqpTelemetryQueueReceiver(options);
        var redelivered = await ReceiveAtLeastAsync(next, ids.Count);
        foreach (var message in redelivered)
            await next.CompleteAsync(message, Ct);

        Assert.Equal(ids, taken.Select(m => m.MessageId));
        Assert.Equal(ids, redelivered.Select(m => m.MessageId).Order());
        Assert.Empty(await next.ReceiveAsync(10, TimeSpan.FromMilliseconds(300), Ct));
    }

    [Fact]
    public async Task AtTheMaxDeliveryCount_AndOnDeadLetter_MessagesAreForwardedToTheDeadLetterQueueWithTheirReason()
    {
        var options = rabbit.Options(RabbitMqFixture.UniqueQueueName("poison"), maxDeliveryCount: 3);
        await using var sender = new AmqpTelemetryQueueSender(options);
        await using var receiver = new AmqpTelemetryQueueReceiver(options);
        await sender.SendAsync([Message("poison", "machine-9"), Message("invalid", "machine-9")], Ct);

        var firstTwo = await ReceiveAtLeastAsync(receiver, 2);
        await receiver.DeadLetterAsync(Assert.Single(firstTwo, m => m.MessageId == "invalid"), "InvalidPayload", "field 'ts' missing", Ct);
        var poisonDelivery = Assert.Single(firstTwo, m => m.MessageId == "poison");
        var deliveries = new List<int>();
        while (poisonDelivery is not null)
        {
            deliveries.Add(poisonDelivery.DeliveryCount);
            await receiver.AbandonAsync(poisonDelivery, Ct);
            poisonDelivery = (await receiver.ReceiveAsync(1, TimeSpan.FromSeconds(1), Ct)).SingleOrDefault();
            Assert.True(deliveries.Count < 5, "The message was not dead-lettered.");
        }

        Assert.Equal([1, 2, 3], deliveries);
        var deadLetters = await ReadRawAsync($"/queue/{options.QueueName}-deadletter", 2);
        var poison = Assert.Single(deadLetters, m => m.Properties.MessageId == "poison");
        Assert.Equal("machine-9", poison.Properties.GroupId);
        Assert.Equal(DeadLetterReasons.MaxDeliveryCountExceeded, poison.ApplicationProperties["DeadLetterReason"]);
        Assert.Equal(Encoding.UTF8.GetBytes("""{"id":"poison"}"""), (byte[])poison.Body);
        var rejected = Assert.Single(deadLetters, m => m.Properties.MessageId == "invalid");
        Assert.Equal("InvalidPayload", rejected.ApplicationProperties["DeadLetterReason"]);
        Assert.Equal("field 'ts' missing", rejected.ApplicationProperties["DeadLetterErrorDescription"]);
    }

    private async Task<List<ReceivedQueueMessage>> ReceiveAtLeastAsync(ITelemetryQueueReceiver receiver, int count)
    {
        var received = new List<ReceivedQueueMessage>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (received.Count < count && DateTime.UtcNow < deadline)
            received.AddRange(await receiver.ReceiveAsync(count - received.Count, TimeSpan.FromSeconds(2), Ct));
        Assert.Equal(count, received.Count);
        return received;
    }

    /// <summary>Reads a queue with a plain AMQPNetLite link, to see what really arrived there.</summary>
    private async Task<List<Message>> ReadRawAsync(string address, int count)
    {
        var connection = await Connection.Factory.CreateAsync(new Address(rabbit.Broker.AmqpUri));
        try
        {
            var session = new Session(connection);
            var link = new ReceiverLink(session, "inspect-" + Guid.NewGuid().ToString("N"), new Source { Address = address, Durable = 1 }, null);
            var messages = new List<Message>();
            while (messages.Count < count && await link.ReceiveAsync(TimeSpan.FromSeconds(5)) is { } message)
            {
                link.Accept(message);
                messages.Add(message);
            }

            await link.CloseAsync();
            return messages;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static QueueMessage Message(string id, string partitionKey) => new(id, partitionKey, Encoding.UTF8.GetBytes($$"""{"id":"{{id}}"}"""));
}
