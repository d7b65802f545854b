namespace FactoryCloud.Infrastructure.Messaging;

/// <summary>Dead-letter reasons set by the queue itself (the same strings Service Bus uses where it has one).</summary>
public static class DeadLetterReasons
{
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";

    /// <summary>The AMQP body was neither binary data nor a string.</summary>
    public const string UnsupportedBody = "UnsupportedBody";
}
