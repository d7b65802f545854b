using Amqp;
using Amqp.Framing;

namespace FactoryCloud.Testing.Tests;

public sealed class RabbitMqBrokerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AmqpSenderAndReceiver_RoundTripOneMessage_OnAQueueAddress_ThenDisposeLeavesNoErlangProcess()
    {
        var started = DateTime.UtcNow;
        var broker = await RabbitMqBroker.StartAsync(Ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"RabbitMQ {broker.NodeName} ready in {(DateTime.UtcNow - started).TotalSeconds:0.00} s on port {broker.Port}");
        var directory = broker.DirectoryPath;
        try
        {
            Assert.StartsWith("fctest-", broker.NodeName, StringComparison.Ordinal);
            Assert.Equal($"amqp://guest:guest@127.0.0.1:{broker.Port}", broker.AmqpUri);
            Assert.NotEmpty(ProcessTable.FindByEnvironmentVariable("RABBITMQ_NODENAME", broker.NodeName));

            var connection = await Connection.Factory.CreateAsync(new Address(broker.AmqpUri));
            try
            {
                var session = new Session(connection);
                var sender = new SenderLink(session, "smoke-sender", "/queue/smoke");
                await sender.SendAsync(new Message("hello factory") { Properties = new Properties { MessageId = "m-1" } });
                await sender.CloseAsync();

                var receiver = new ReceiverLink(session, "smoke-receiver", "/queue/smoke");
                var message = await receiver.ReceiveAsync(TimeSpan.FromSeconds(10));
                Assert.NotNull(message);
                receiver.Accept(message);
                await receiver.CloseAsync();

                Assert.Equal("hello factory", message.Body);
                Assert.Equal("m-1", message.Properties.MessageId);
            }
            finally
            {
                await connection.CloseAsync();
            }

            var queues = await broker.RabbitMqCtlAsync(["list_queues", "name", "messages", "--quiet"], Ct);
            Assert.Matches(@"(?m)^smoke\s+0\s*$", queues.StandardOutput);
        }
        finally
        {
            var stopping = DateTime.UtcNow;
            await broker.DisposeAsync();
            TestContext.Current.TestOutputHelper?.WriteLine($"RabbitMQ stopped and deleted in {(DateTime.UtcNow - stopping).TotalSeconds:0.00} s");
        }

        await broker.DisposeAsync();
        Assert.Empty(ProcessTable.FindByEnvironmentVariable("RABBITMQ_NODENAME", broker.NodeName));
        Assert.Empty(ProcessTable.FindByEnvironmentVariable("ERL_EPMD_PORT", broker.EpmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.False(Directory.Exists(directory));
        Assert.False(FreePort.IsAcceptingConnections(broker.Port));
        Assert.False(FreePort.IsAcceptingConnections(broker.EpmdPort));
    }
}
