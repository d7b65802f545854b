using System.Text;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Messaging.Amqp;

namespace FactoryCloud.Messaging.Tests;

/// <summary>In the RabbitMQ collection so that stopping the broker never overlaps another test's traffic.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqReconnectTests(RabbitMqFixture rabbit)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhileTheBrokerIsStopped_SendThrows_AndAfterItRestarts_SenderAndReceiverReconnect()
    {
        var options = rabbit.Options(RabbitMqFixture.UniqueQueueName("restart"));
        await using var sender = new AmqpTelemetryQueueSender(options);
        await using var receiver = new AmqpTelemetryQueueReceiver(options);
        await sender.SendAsync([Message("before")], Ct);
        // Received but not completed when the broker goes: its lock is lost, the broker keeps it for a redelivery.
        var unsettled = Assert.Single(await receiver.ReceiveAsync(1, TimeSpan.FromSeconds(5), Ct));

        await rabbit.Broker.RabbitMqCtlAsync(["stop_app"], Ct);
        try
        {
            var failure = await Assert.ThrowsAsync<TelemetryQueueException>(() => sender.SendAsync([Message("while-stopped")], Ct));
            Assert.Contains(rabbit.Broker.Host, failure.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<TelemetryQueueException>(() => sender.SendAsync([Message("while-stopped-again")], Ct));
        }
        finally
        {
            await rabbit.Broker.RabbitMqCtlAsync(["start_app"], Ct);
        }

        await sender.SendAsync([Message("after")], Ct);
        await Assert.ThrowsAsync<TelemetryQueueException>(() => receiver.CompleteAsync(unsettled, Ct));

        var received = new List<ReceivedQueueMessage>();
        var receiveFailures = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (received.Count < 2 && DateTime.UtcNow < deadline)
        {
            try
            {
                foreach (var message in await receiver.ReceiveAsync(10, TimeSpan.FromSeconds(2), Ct))
                {
                    await receiver.CompleteAsync(message, Ct);
                    received.Add(message);
                }
            }
            catch (TelemetryQueueException)
            {
                receiveFailures++; // The link from before the restart is gone: the next receive reconnects.
            }
        }

        Assert.Equal(["after", "before"], received.Select(m => m.MessageId).Order());
        Assert.Equal(2, received.Single(m => m.MessageId == "before").DeliveryCount);
        Assert.InRange(receiveFailures, 0, 1);
    }

    private static QueueMessage Message(string id) => new(id, "machine-1", Encoding.UTF8.GetBytes(id));
}
