namespace FactoryCloud.Infrastructure.Pipeline.Inbox;

/// <summary>
/// What waits between the ingress and the stored data: the tenant's own messages, and, when it has some, how long the
/// oldest waiting message has waited (of any tenant: the processor takes them in order, so that is the tenant's wait).
/// </summary>
public sealed record IngestionBacklog(long TenantMessages, TimeSpan OldestWait);
