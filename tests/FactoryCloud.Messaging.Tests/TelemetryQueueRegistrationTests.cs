using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using FactoryCloud.Infrastructure.Configuration;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Messaging.Amqp;
using FactoryCloud.Infrastructure.Messaging.InProcess;
using FactoryCloud.Infrastructure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Messaging.Tests;

public sealed class TelemetryQueueRegistrationTests
{
    private const string SasConnectionString = "Endpoint=sb://factory.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc=";

    [Fact]
    public async Task InProcessByDefault_OneQueueServesSenderAndReceiver_WithConfiguredCapacity()
    {
        await using var provider = Build(new() { ["Queue:InProcess:Capacity"] = "5", ["Queue:MaxDeliveryCount"] = "4" });

        var queue = provider.GetRequiredService<InProcessTelemetryQueue>();
        Assert.Same(queue, provider.GetRequiredService<ITelemetryQueueSender>());
        Assert.Same(queue, provider.GetRequiredService<ITelemetryQueueReceiver>());
        var options = provider.GetRequiredService<QueueOptions>();
        Assert.Equal((5, 4, "telemetry"), (options.InProcess.Capacity, options.MaxDeliveryCount, options.QueueName));
    }

    [Fact]
    public async Task ServiceBusKind_RegistersTheSdkSenderAndSessionReceiverOnOneClient_WithoutConnectingYet()
    {
        await using var provider = Build(new()
        {
            ["Queue:Kind"] = "ServiceBus",
            ["Queue:QueueName"] = "readings",
            ["Queue:ServiceBus:ConnectionString"] = SasConnectionString,
        });

        Assert.IsType<ServiceBusTelemetryQueueSender>(provider.GetRequiredService<ITelemetryQueueSender>());
        Assert.IsType<ServiceBusTelemetryQueueReceiver>(provider.GetRequiredService<ITelemetryQueueReceiver>());
        Assert.Equal("factory.servicebus.windows.net", provider.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
    }

    [Fact]
    public async Task AmqpKind_RegistersTheGenericAmqpSenderAndReceiver()
    {
        await using var provider = Build(new() { ["Queue:Kind"] = "Amqp", ["Queue:Amqp:ConnectionString"] = "amqp://guest:guest@localhost:5672" });

        Assert.IsType<AmqpTelemetryQueueSender>(provider.GetRequiredService<ITelemetryQueueSender>());
        Assert.IsType<AmqpTelemetryQueueReceiver>(provider.GetRequiredService<ITelemetryQueueReceiver>());
        Assert.Null(provider.GetService<ServiceBusClient>());
    }

    [Fact]
    public void ManagedIdentity_UsesARegisteredTokenCredential_ElseDefaultAzureCredential_ForTheNamespace()
    {
        var options = new ServiceBusQueueOptions { Namespace = "factory.servicebus.windows.net", Auth = ServiceBusAuth.ManagedIdentity };
        var registered = new DefaultAzureCredential();

        Assert.Same(registered, ServiceBusClientFactory.CredentialFor(options, registered));
        Assert.IsType<DefaultAzureCredential>(ServiceBusClientFactory.CredentialFor(options, null));
        Assert.Null(ServiceBusClientFactory.CredentialFor(new ServiceBusQueueOptions { ConnectionString = SasConnectionString }, registered));
        Assert.Equal("factory.servicebus.windows.net", ServiceBusClientFactory.Create(options, registered).FullyQualifiedNamespace);
    }

    [Theory]
    [InlineData("Queue:ServiceBus:ConnectionString", "", "ConnectionString")]
    [InlineData("Queue:ServiceBus:ConnectionString", "amqp://guest:guest@localhost:5672", "Queue:Kind=Amqp")]
    [InlineData("Queue:ServiceBus:ConnectionString", "Endpoint=sb://factory.servicebus.windows.net/", "SharedAccessKey")]
    [InlineData("Queue:MaxDeliveryCount", "0", "MaxDeliveryCount")]
    [InlineData("Queue:ServiceBus:MaxConcurrentSessions", "0", "Queue:ServiceBus:MaxConcurrentSessions")]
    [InlineData("Queue:ServiceBus:SessionIdleTimeout", "00:00:00", "Queue:ServiceBus:SessionIdleTimeout")]
    [InlineData("Queue:ServiceBus:PrefetchCount", "-1", "Queue:ServiceBus:PrefetchCount")]
    public void InvalidServiceBusSettings_FailAtRegistration_NamingTheSetting(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Queue:Kind"] = "ServiceBus", ["Queue:ServiceBus:ConnectionString"] = SasConnectionString, [key] = value };

        var error = Assert.Throws<InvalidSettingException>(() => new ServiceCollection().AddTelemetryQueue(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Queue:Amqp:ConnectionString", "", "Queue:Amqp:ConnectionString")]
    [InlineData("Queue:Amqp:ConnectionString", SasConnectionString, "Queue:Kind=ServiceBus")]
    [InlineData("Queue:Amqp:PrefetchCount", "0", "Queue:Amqp:PrefetchCount")]
    public void InvalidAmqpSettings_FailAtRegistration_NamingTheSetting(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Queue:Kind"] = "Amqp", ["Queue:Amqp:ConnectionString"] = "amqp://guest:guest@localhost:5672", [key] = value };

        var error = Assert.Throws<InvalidSettingException>(() => new ServiceCollection().AddTelemetryQueue(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddTelemetryQueue(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
