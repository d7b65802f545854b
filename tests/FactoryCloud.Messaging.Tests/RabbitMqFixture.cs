using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Testing;

namespace FactoryCloud.Messaging.Tests;

/// <summary>One RabbitMQ (AMQP 1.0 plugin) for every test class of the collection; each test uses queues of its own.</summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    private RabbitMqBroker? _broker;

    public RabbitMqBroker Broker => _broker ?? throw new InvalidOperationException("The broker has not started.");

    public async ValueTask InitializeAsync() => _broker = await RabbitMqBroker.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_broker is not null)
            await _broker.DisposeAsync();
    }

    public QueueOptions Options(string queueName, int maxDeliveryCount = 10) => new()
    {
        Kind = QueueKind.Amqp,
        QueueName = queueName,
        MaxDeliveryCount = maxDeliveryCount,
        Amqp = { ConnectionString = Broker.AmqpUri, OperationTimeout = TimeSpan.FromSeconds(10) },
    };

    public static string UniqueQueueName(string purpose) => $"{purpose}-{Guid.NewGuid():N}"[..(purpose.Length + 9)];
}

[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqFixture>
{
    public const string Name = "RabbitMQ";
}
