using System.Text;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Messaging.InProcess;

namespace FactoryCloud.Messaging.Tests;

public sealed class InProcessTelemetryQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Receive_KeepsEachPartitionInSendOrder_WhenPartitionsInterleave()
    {
        await using var queue = CreateQueue();
        var batch = Enumerable.Range(0, 30).Select(i => Message($"m{i}", $"machine-{i % 3}")).ToList();
        await queue.SendAsync(batch, Ct);

        var received = await queue.ReceiveAsync(100, TimeSpan.FromSeconds(1), Ct);

        Assert.Equal(30, received.Count);
        foreach (var partition in batch.GroupBy(m => m.PartitionKey))
        {
            Assert.Equal(
                partition.Select(m => m.MessageId),
                received.Where(m => m.PartitionKey == partition.Key).Select(m => m.MessageId));
        }

        Assert.All(received, m => Assert.Equal(1, m.DeliveryCount));
        Assert.Equal("payload m7", Encoding.UTF8.GetString(received.Single(m => m.MessageId == "m7").Body.Span));
    }

    [Fact]
    public async Task Send_WaitsWhileTheQueueIsFull_AndContinuesOnceAMessageIsReceived()
    {
        await using var queue = CreateQueue(capacity: 2);
        await queue.SendAsync([Message("a"), Message("b")], Ct);

        var third = queue.SendAsync([Message("c")], Ct);
        await Task.Delay(200, Ct);
        Assert.False(third.IsCompleted);

        var first = await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), Ct);
        await third.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal("a", Assert.Single(first).MessageId);
        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public async Task Send_CancelledWhileFull_ThrowsOperationCanceled()
    {
        await using var queue = CreateQueue(capacity: 1);
        await queue.SendAsync([Message("a")], Ct);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.SendAsync([Message("b")], cancel.Token));
    }

    [Fact]
    public async Task Abandon_RedeliversWithDeliveryCountPlusOne_BeforeNewerMessages()
    {
        await using var queue = CreateQueue();
        await queue.SendAsync([Message("a"), Message("b")], Ct);
        var a = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), Ct));

        await queue.AbandonAsync(a, Ct);
        var next = await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1), Ct);

        Assert.Equal(["a", "b"], next.Select(m => m.MessageId));
        Assert.Equal([2, 1], next.Select(m => m.DeliveryCount));
    }

    [Fact]
    public async Task Abandon_OfTheLastAllowedDelivery_DeadLettersWithMaxDeliveryCountExceeded()
    {
        await using var queue = CreateQueue(maxDeliveryCount: 3);
        await queue.SendAsync([Message("poison")], Ct);

        for (var delivery = 1; delivery <= 3; delivery++)
        {
            var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), Ct));
            Assert.Equal(delivery, message.DeliveryCount);
            await queue.AbandonAsync(message, Ct);
        }

        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.FromMilliseconds(100), Ct));
        var deadLetter = Assert.Single(queue.DeadLetteredMessages);
        Assert.Equal("poison", deadLetter.Message.MessageId);
        Assert.Equal(DeadLetterReasons.MaxDeliveryCountExceeded, deadLetter.Reason);
        Assert.Equal(3, deadLetter.DeliveryCount);
    }

    [Fact]
    public async Task DeadLetter_KeepsTheMessageWithReasonAndDescription()
    {
        await using var queue = CreateQueue();
        await queue.SendAsync([Message("bad")], Ct);
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), Ct));

        await queue.DeadLetterAsync(message, "InvalidPayload", "field 'ts' missing", Ct);

        var deadLetter = Assert.Single(queue.DeadLetteredMessages);
        Assert.Equal(("bad", "InvalidPayload", "field 'ts' missing"), (deadLetter.Message.MessageId, deadLetter.Reason, deadLetter.Description));
        Assert.Equal(0, queue.InFlightCount);
    }

    [Fact]
    public async Task Complete_RemovesTheMessage_AndASecondSettlementThrows()
    {
        await using var queue = CreateQueue();
        await queue.SendAsync([Message("a")], Ct);
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), Ct));
        Assert.Equal(1, queue.InFlightCount);

        await queue.CompleteAsync(message, Ct);

        Assert.Equal(0, queue.InFlightCount);
        Assert.Equal(0, queue.Count);
        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.FromMilliseconds(100), Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.AbandonAsync(message, Ct));
    }

    [Fact]
    public async Task Receive_WaitsForAMessageSentLater_AndReturnsEmptyAfterMaxWait()
    {
        await using var queue = CreateQueue();
        var started = DateTime.UtcNow;
        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.FromMilliseconds(200), Ct));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(150));

        var receiving = queue.ReceiveAsync(10, TimeSpan.FromSeconds(5), Ct);
        await queue.SendAsync([Message("late")], Ct);

        Assert.Equal("late", Assert.Single(await receiving).MessageId);
    }

    [Fact]
    public async Task Settling_AMessageFromAnotherQueue_Throws()
    {
        await using var first = CreateQueue();
        await using var second = CreateQueue();
        await first.SendAsync([Message("a")], Ct);
        var message = Assert.Single(await first.ReceiveAsync(1, TimeSpan.FromSeconds(1), Ct));

        await Assert.ThrowsAsync<ArgumentException>(() => second.CompleteAsync(message, Ct));
    }

    private static InProcessTelemetryQueue CreateQueue(int capacity = 1000, int maxDeliveryCount = 10) =>
        new(new QueueOptions { MaxDeliveryCount = maxDeliveryCount, InProcess = { Capacity = capacity } });

    private static QueueMessage Message(string id, string partitionKey = "machine-1") =>
        new(id, partitionKey, Encoding.UTF8.GetBytes($"payload {id}"));
}
