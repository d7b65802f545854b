namespace FactoryCloud.Infrastructure.Messaging.InProcess;

/// <summary>A message the in-process queue gave up on, kept for inspection.</summary>
public sealed record DeadLetteredQueueMessage(QueueMessage Message, string Reason, string? Description, int DeliveryCount, DateTimeOffset DeadLetteredAt);
