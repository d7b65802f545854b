using Amqp;

namespace FactoryCloud.Infrastructure.Messaging.Amqp;

/// <summary>An attached receiver link with its own AMQP session and credit window; deliveries are settled on it.</summary>
internal sealed record ReceiveLink(Session Session, ReceiverLink Receiver, ReceiveCreditWindow Credit);
