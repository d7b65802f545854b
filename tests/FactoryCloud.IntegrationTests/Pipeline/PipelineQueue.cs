using FactoryCloud.Testing;
using FactoryCloud.Testing.ServiceBus;

namespace FactoryCloud.IntegrationTests.Pipeline;

/// <summary>
/// The queue between the worker and the processor processes of an <see cref="ExternalPipeline"/>: RabbitMQ through
/// the generic AMQP 1.0 transport (<c>Queue:Kind=Amqp</c>), or the Azure Service Bus SDK (<c>Queue:Kind=ServiceBus</c>)
/// against <see cref="ServiceBusTestHost"/> in this test process.
/// </summary>
public abstract class PipelineQueue : IAsyncDisposable
{
    public abstract string Name { get; }

    /// <summary>The <c>Queue</c> settings both processes get, for a queue of its own.</summary>
    public abstract IReadOnlyDictionary<string, string?> SettingsFor(string queueName);

    /// <summary>Where the queue stands, for a failed assertion.</summary>
    public abstract Task<string> DiagnosticsAsync();

    /// <summary>What the queue started for itself and stops with itself.</summary>
    protected IAsyncDisposable? Owned { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (Owned is not null)
            await Owned.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A queue on <paramref name="broker"/>, which the caller owns.</summary>
    public static PipelineQueue RabbitMq(RabbitMqBroker broker) => new RabbitMqQueue(broker);

    /// <summary>A Service Bus stand-in started for the queue and stopped with the pipeline.</summary>
    public static PipelineQueue ServiceBus() => new ServiceBusQueue();

    public override string ToString() => Name;

    private sealed class RabbitMqQueue(RabbitMqBroker broker) : PipelineQueue
    {
        public override string Name => "RabbitMQ (Queue:Kind=Amqp)";

        public override IReadOnlyDictionary<string, string?> SettingsFor(string queueName) => new Dictionary<string, string?>
        {
            ["Queue:Kind"] = "Amqp",
            ["Queue:QueueName"] = queueName,
            ["Queue:Amqp:ConnectionString"] = broker.AmqpUri,
        };

        public override async Task<string> DiagnosticsAsync()
        {
            string queues;
            try
            {
                queues = (await broker.RabbitMqCtlAsync(["list_queues", "name", "durable", "messages", "messages_unacknowledged", "consumers"])).StandardOutput;
            }
            catch (Exception e) when (e is ExternalProcessException or TimeoutException or InvalidOperationException)
            {
                queues = "(rabbitmqctl failed: " + e.Message + ")";
            }
            return "--- rabbitmq queues ---\n" + queues +
                "\n--- rabbitmq log ---\n" + string.Join('\n', File.Exists(broker.NodeLogFile) ? File.ReadAllLines(broker.NodeLogFile).TakeLast(30) : []);
        }
    }

    private sealed class ServiceBusQueue : PipelineQueue
    {
        private ServiceBusTestHost? _host;

        public override string Name => "Service Bus SDK (Queue:Kind=ServiceBus)";

        public override IReadOnlyDictionary<string, string?> SettingsFor(string queueName)
        {
            _host ??= new ServiceBusTestHost(queueName);
            Owned = _host;
            return new Dictionary<string, string?>
            {
                ["Queue:Kind"] = "ServiceBus",
                ["Queue:QueueName"] = queueName,
                ["Queue:ServiceBus:ConnectionString"] = _host.ConnectionString(),
            };
        }

        public override Task<string> DiagnosticsAsync()
        {
            if (_host is not { } host)
                return Task.FromResult("(no Service Bus host)");
            var queue = host.Queue;
            return Task.FromResult($"--- service bus host ---\n{queue.Count} waiting or locked, {queue.Accepted.Count} accepted, {host.SentMessages.Count} transfers, " +
                $"{queue.Completed.Count} completed, {queue.Settlements.Count} settlements, {queue.ReleasedSessions.Count} sessions released, " +
                $"{queue.DeadLettered.Count} dead-lettered ({string.Join(", ", queue.DeadLettered.Take(5).Select(d => $"{d.MessageId}: {d.Reason}"))}), " +
                $"{host.PutTokenRequests.Count(r => r.StatusCode != 200)} put-token refusals");
        }
    }
}
