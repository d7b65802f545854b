using Amqp;
using Amqp.Framing;
using Amqp.Types;

namespace FactoryCloud.Infrastructure.Messaging.ServiceBus;

/// <summary>
/// How a receiver takes a Service Bus session over AMQP: the source's filter set carries
/// <c>com.microsoft:session-filter</c>, null for "the next available session"; the broker answers with the granted
/// session id in the same filter of its attach. <c>com.microsoft:timeout</c> (a link property, milliseconds) bounds
/// how long the broker waits for a session to become available before it refuses the attach with that condition.
/// </summary>
internal static class ServiceBusSessionFilter
{
    public static readonly Symbol Name = new("com.microsoft:session-filter");
    public static readonly Symbol TimeoutProperty = new("com.microsoft:timeout");

    // Refusals that only mean "no session for you right now".
    private static readonly Symbol[] s_noSessionConditions =
    [
        new("com.microsoft:timeout"),
        new("com.microsoft:session-cannot-be-locked"),
        new("com.microsoft:session-lock-lost"),
    ];

    public static Map AcceptNextSession() => new() { [Name] = null };

    public static Fields AttachProperties(TimeSpan acceptWait) =>
        new() { [TimeoutProperty] = (uint)Math.Min(uint.MaxValue, acceptWait.TotalMilliseconds) };

    /// <summary>The session id the broker granted, from its attach; null when it named none.</summary>
    public static string? SessionIdOf(Attach remoteAttach)
    {
        if (remoteAttach.Source is not Source { FilterSet: { } filters } || !filters.TryGetValue(Name, out var value))
            return null;
        // The .NET SDK sends and reads a plain string; other clients wrap it in the filter's described type.
        return (value is DescribedValue described ? described.Value : value) as string is { Length: > 0 } id ? id : null;
    }

    public static bool IsNoSessionAvailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AmqpException { Error.Condition: { } condition } && s_noSessionConditions.Contains(condition))
                return true;
        }

        return false;
    }
}
