using System.Text;
using Amqp.Framing;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Messaging.ServiceBus;

namespace FactoryCloud.Messaging.Tests;

/// <summary>The receiver against a session-enabled queue (as infra/modules/servicebus.bicep creates it), emulated by <see cref="ServiceBusTestHost"/>.</summary>
public sealed class ServiceBusSessionTests
{
    private const string KeyName = "processor-listen";
    private const string Key = "c2Vzc2lvbi10ZXN0LWtleS1mb3ItdGhlLWhvc3Q=";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ByDefault_TheReceiverAcceptsNextSessionsWithTheSessionFilter_AndReceivesEveryMachineInOrder()
    {
        await using var host = new ServiceBusTestHost("telemetry", KeyName, Key, requiresSession: true);
        var logger = new RecordingLogger<ServiceBusTelemetryQueueReceiver>();
        await using var receiver = new ServiceBusTelemetryQueueReceiver(Options(host), logger: logger);
        var machines = Enumerable.Range(1, 5).Select(m => $"machine-{m}").ToList();
        var sent = Enumerable.Range(0, 40).SelectMany(i => machines.Select(machine => $"{machine}/{i:00}")).ToList();
        foreach (var id in sent)
            host.Serve(Served(id));

        var batches = await ReceiveAndCompleteAsync(receiver, sent.Count);

        var received = batches.SelectMany(batch => batch).ToList();
        Assert.Equal(sent.Order(), received.Select(m => m.MessageId).Order());
        foreach (var machine in machines)
        {
            Assert.Equal(sent.Where(id => id.StartsWith(machine + "/", StringComparison.Ordinal)), received.Where(m => m.PartitionKey == machine).Select(m => m.MessageId));
            Assert.All(batches, batch => AssertInOrder(batch.Where(m => m.PartitionKey == machine).Select(m => m.MessageId).ToList()));
        }

        var granted = host.ReceiverAttaches.Where(a => a.GrantedSession is not null).ToList();
        Assert.NotEmpty(granted);
        Assert.All(host.ReceiverAttaches, a => Assert.Equal((true, null), (a.HasSessionFilter, a.RequestedSession)));
        Assert.Equal(machines, granted.Select(a => a.GrantedSession!).Distinct().Order());
        // The receiver read the granted session id from the attach answer.
        foreach (var machine in machines)
            Assert.Contains(logger.Lines, line => line == $"Accepted session {machine} of queue telemetry.");
        Assert.Equal(sent.Count, await host.WaitForSettlementsAsync(sent.Count, Ct));
        Assert.All(host.Settlements, s => Assert.IsType<Accepted>(s.State));
    }

    [Fact]
    public async Task WithOneSessionLink_AnIdleSessionIsReleasedOnlyOnceSettled_AndTheNextMachinesAreServed()
    {
        await using var host = new ServiceBusTestHost("telemetry", KeyName, Key, requiresSession: true);
        var options = Options(host);
        options.ServiceBus.MaxConcurrentSessions = 1;
        options.ServiceBus.SessionIdleTimeout = TimeSpan.FromMilliseconds(300);
        await using var receiver = new ServiceBusTelemetryQueueReceiver(options);
        host.Serve(Served("machine-a/0"));

        var first = Assert.Single(await receiver.ReceiveAsync(10, TimeSpan.FromSeconds(5), Ct));
        await Task.Delay(TimeSpan.FromMilliseconds(900), Ct);
        Assert.Empty(host.ReleasedSessions); // idle, but its message is still locked to it

        foreach (var id in new[] { "machine-b/0", "machine-c/0", "machine-b/1", "machine-c/1", "machine-a/1" })
            host.Serve(Served(id));
        await receiver.CompleteAsync(first, Ct);
        var rest = (await ReceiveAndCompleteAsync(receiver, 5)).SelectMany(batch => batch).Select(m => m.MessageId).ToList();

        Assert.Equal(["machine-a/1", "machine-b/0", "machine-b/1", "machine-c/0", "machine-c/1"], rest.Order());
        Assert.True(rest.IndexOf("machine-b/0") < rest.IndexOf("machine-b/1") && rest.IndexOf("machine-c/0") < rest.IndexOf("machine-c/1"));
        Assert.Equal("machine-a", host.ReleasedSessions.First());
        var granted = host.ReceiverAttaches.Select(a => a.GrantedSession).OfType<string>().ToList();
        Assert.Equal("machine-a", granted[0]);
        Assert.Superset(new HashSet<string> { "machine-a", "machine-b", "machine-c" }, granted.ToHashSet());
        Assert.True(granted.Count >= 3, $"sessions granted: {string.Join(", ", granted)}");
    }

    [Fact]
    public async Task WhenNoSessionIsAvailable_TheRefusedAttachIsRetried_WithoutFailingReceive()
    {
        await using var host = new ServiceBusTestHost("telemetry", KeyName, Key, requiresSession: true);
        var options = Options(host);
        options.ServiceBus.MaxConcurrentSessions = 1;
        options.ServiceBus.OperationTimeout = TimeSpan.FromMilliseconds(400); // also the broker's wait for a session
        await using var receiver = new ServiceBusTelemetryQueueReceiver(options);

        Assert.Empty(await receiver.ReceiveAsync(10, TimeSpan.FromSeconds(2.5), Ct));
        Assert.True(host.ReceiverAttaches.Count(a => a.Refusal == "com.microsoft:timeout") >= 2, $"{host.ReceiverAttaches.Count} attaches");

        host.Serve(Served("machine-late/0"));
        var late = await ReceiveAndCompleteAsync(receiver, 1);
        Assert.Equal("machine-late/0", Assert.Single(late.SelectMany(batch => batch)).MessageId);
    }

    [Fact]
    public async Task ABusySession_IsReleasedWithinTheLockDuration_AndTakenAgainInOrder()
    {
        await using var host = new ServiceBusTestHost("telemetry", KeyName, Key, requiresSession: true);
        var options = Options(host);
        options.ServiceBus.MaxConcurrentSessions = 1;
        options.ServiceBus.SessionLockDuration = TimeSpan.FromSeconds(2); // released after 1 s, closed by 1.5 s
        await using var receiver = new ServiceBusTelemetryQueueReceiver(options);
        var sent = Enumerable.Range(0, 60).Select(i => $"machine-busy/{i:00}").ToList();
        using var feeding = Task.Run(async () =>
        {
            foreach (var id in sent)
            {
                host.Serve(Served(id));
                await Task.Delay(50, Ct);
            }
        }, Ct);

        var received = (await ReceiveAndCompleteAsync(receiver, sent.Count)).SelectMany(batch => batch).Select(m => m.MessageId).ToList();
        await feeding;

        Assert.Equal(sent, received);
        Assert.True(host.ReleasedSessions.Count >= 1, "the busy session was never released");
        Assert.True(host.ReceiverAttaches.Count(a => a.GrantedSession == "machine-busy") >= 2);
    }

    [Fact]
    public async Task DisposingTheReceiver_ReleasesItsSessions_AndAnUnsettledMessageGoesBackForTheNextReceiver()
    {
        await using var host = new ServiceBusTestHost("telemetry", KeyName, Key, requiresSession: true);
        var receiver = new ServiceBusTelemetryQueueReceiver(Options(host));
        host.Serve(Served("machine-1/0"));
        host.Serve(Served("machine-2/0"));
        var first = await ReceiveAsync(receiver, 2);
        await receiver.CompleteAsync(first.Single(m => m.MessageId == "machine-1/0"), Ct);

        await receiver.DisposeAsync();

        // The host handles the detach after answering it.
        await WaitUntilAsync(() => host.ReleasedSessions.Count >= 2);
        Assert.Equal(["machine-1", "machine-2"], host.ReleasedSessions.Order());
        Assert.Contains(host.Settlements, s => s.MessageId == "machine-2/0" && s.State is Released);
        await using var next = new ServiceBusTelemetryQueueReceiver(Options(host));
        var again = Assert.Single(await ReceiveAsync(next, 1));
        Assert.Equal("machine-2/0", again.MessageId);
        await next.CompleteAsync(again, Ct);
    }

    [Fact]
    public async Task APlainReceiver_IsRefusedByTheSessionEnabledQueue()
    {
        await using var host = new ServiceBusTestHost("telemetry", KeyName, Key, requiresSession: true);
        var options = Options(host);
        options.ServiceBus.Sessions = false;
        await using var receiver = new ServiceBusTelemetryQueueReceiver(options);
        host.Serve(Served("machine-1/0"));

        var error = await Assert.ThrowsAsync<TelemetryQueueException>(() => receiver.ReceiveAsync(10, TimeSpan.FromSeconds(2), Ct));

        Assert.Contains("requires sessions", error.Message, StringComparison.Ordinal);
        var attach = Assert.Single(host.ReceiverAttaches);
        Assert.False(attach.HasSessionFilter);
        Assert.Empty(host.Settlements);
    }

    private static async Task<List<IReadOnlyList<ReceivedQueueMessage>>> ReceiveAndCompleteAsync(ServiceBusTelemetryQueueReceiver receiver, int count)
    {
        var batches = new List<IReadOnlyList<ReceivedQueueMessage>>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (batches.Sum(batch => batch.Count) < count && DateTime.UtcNow < deadline)
        {
            var batch = await receiver.ReceiveAsync(16, TimeSpan.FromSeconds(1), Ct);
            foreach (var message in batch)
                await receiver.CompleteAsync(message, Ct);
            if (batch.Count > 0)
                batches.Add(batch);
        }

        return batches;
    }

    private static async Task<List<ReceivedQueueMessage>> ReceiveAsync(ServiceBusTelemetryQueueReceiver receiver, int count)
    {
        var received = new List<ReceivedQueueMessage>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (received.Count < count && DateTime.UtcNow < deadline)
            received.AddRange(await receiver.ReceiveAsync(count - received.Count, TimeSpan.FromSeconds(1), Ct));
        return received;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(20, Ct);
    }

    private static void AssertInOrder(List<string> ids) => Assert.Equal(ids.Order(StringComparer.Ordinal), ids);

    private static Amqp.Message Served(string id) => new()
    {
        Properties = new Properties { MessageId = id, GroupId = id[..id.IndexOf('/', StringComparison.Ordinal)], ContentType = "application/json" },
        BodySection = new Data { Binary = Encoding.UTF8.GetBytes("{}") },
    };

    private static QueueOptions Options(ServiceBusTestHost host) => new()
    {
        Kind = QueueKind.ServiceBus,
        QueueName = host.QueueName,
        ServiceBus = { ConnectionString = host.ConnectionString(Key), OperationTimeout = TimeSpan.FromSeconds(5) },
    };
}
