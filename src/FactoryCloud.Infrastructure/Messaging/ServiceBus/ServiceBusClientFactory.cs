using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace FactoryCloud.Infrastructure.Messaging.ServiceBus;

/// <summary>Builds the one <see cref="ServiceBusClient"/> (one AMQP connection) that the sender and the receiver share.</summary>
public static class ServiceBusClientFactory
{
    /// <summary>
    /// SAS: the connection string as it is (the SDK puts and renews the tokens). Managed identity: the namespace (or
    /// the connection string's endpoint host) with <paramref name="credential"/>, else <see cref="DefaultAzureCredential"/>.
    /// </summary>
    public static ServiceBusClient Create(ServiceBusQueueOptions options, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clientOptions = new ServiceBusClientOptions
        {
            TransportType = ServiceBusTransportType.AmqpTcp,
            Identifier = $"factorycloud-{Environment.MachineName}-{Guid.NewGuid():N}",
            RetryOptions = new ServiceBusRetryOptions
            {
                Mode = ServiceBusRetryMode.Exponential,
                MaxRetries = 3,
                TryTimeout = options.OperationTimeout,
            },
        };
        if (CredentialFor(options, credential) is not { } tokenCredential)
            return new ServiceBusClient(options.ConnectionString, clientOptions);

        var fullyQualifiedNamespace = string.IsNullOrWhiteSpace(options.Namespace)
            ? ServiceBusConnectionStringProperties.Parse(options.ConnectionString).FullyQualifiedNamespace
            : options.Namespace.Trim();
        return new ServiceBusClient(fullyQualifiedNamespace, tokenCredential, clientOptions);
    }

    /// <summary>The Entra ID credential for <see cref="ServiceBusAuth.ManagedIdentity"/>: the registered one if any, else DefaultAzureCredential; null for SAS.</summary>
    public static TokenCredential? CredentialFor(ServiceBusQueueOptions options, TokenCredential? registered)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Auth == ServiceBusAuth.ManagedIdentity ? registered ?? new DefaultAzureCredential() : null;
    }
}
