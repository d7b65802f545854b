using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Messaging.InProcess;
using FactoryCloud.Infrastructure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Messaging.Tests;

public sealed class TelemetryQueueRegistrationTests
{
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
    public async Task ServiceBusKind_RegistersAmqpSenderAndReceiver_WithoutConnectingYet()
    {
        await using var provider = Build(new()
        {
            ["Queue:Kind"] = "ServiceBus",
            ["Queue:QueueName"] = "readings",
            ["Queue:ServiceBus:ConnectionString"] = "Endpoint=sb://factory.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc=",
        });

        Assert.IsType<ServiceBusTelemetryQueueSender>(provider.GetRequiredService<ITelemetryQueueSender>());
        Assert.IsType<ServiceBusTelemetryQueueReceiver>(provider.GetRequiredService<ITelemetryQueueReceiver>());
    }

    [Theory]
    [InlineData("Queue:ServiceBus:ConnectionString", "", "ConnectionString")]
    [InlineData("Queue:MaxDeliveryCount", "0", "MaxDeliveryCount")]
    public void InvalidSettings_FailAtRegistration_NamingTheSetting(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Queue:Kind"] = "ServiceBus", ["Queue:ServiceBus:ConnectionString"] = "amqp://guest:guest@localhost:5672", [key] = value };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var error = Assert.Throws<FactoryCloud.Infrastructure.Configuration.InvalidSettingException>(() => new ServiceCollection().AddTelemetryQueue(configuration));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Endpoint=http://factory.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=b")]
    [InlineData("SharedAccessKeyName=a;SharedAccessKey=b")]
    public void MalformedConnectionStrings_AreRejectedWhenTheTransportIsCreated(string connectionString)
    {
        var options = new QueueOptions { Kind = QueueKind.ServiceBus, ServiceBus = { ConnectionString = connectionString } };

        Assert.Throws<FormatException>(() => new ServiceBusTelemetryQueueSender(options));
    }

    [Fact]
    public void CbsWithoutAKeyOrTokenProvider_IsAConfigurationError()
    {
        var options = new QueueOptions { Kind = QueueKind.ServiceBus, ServiceBus = { ConnectionString = "Endpoint=sb://factory.servicebus.windows.net/" } };

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceBusTelemetryQueueReceiver(options));
        Assert.Contains("IAmqpTokenProvider", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddTelemetryQueue(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
