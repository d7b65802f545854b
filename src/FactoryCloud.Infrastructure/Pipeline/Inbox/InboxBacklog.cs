namespace FactoryCloud.Infrastructure.Pipeline.Inbox;

/// <summary>
/// What waits between the ingress and the stored data: the tenant's own messages, and how long the oldest waiting
/// message (of any tenant: the processor takes them in order) has waited.
/// </summary>
public sealed record IngestionBacklog(long TenantMessages, TimeSpan OldestWait);
