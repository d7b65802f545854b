using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amqp;
using Amqp.Framing;
using Amqp.Handler;
using Amqp.Listener;
using Amqp.Sasl;
using Amqp.Types;

namespace FactoryCloud.Testing.ServiceBus;

/// <summary>
/// A stand-in for one Service Bus queue (session-enabled, duplicate detection on) on a free loopback port, for the
/// real Azure.Messaging.ServiceBus SDK with <c>UseDevelopmentEmulator=true</c> (plain AMQP, SASL MSSBCBS). Built on
/// AMQPNetLite's <see cref="ContainerHost"/>; it speaks the subset the SDK uses:
/// <list type="bullet">
/// <item><c>$cbs</c> put-token: SAS tokens checked against one key (or <c>jwt</c> tokens by a given check); links to
/// the queue are refused on a connection without a valid token for it.</item>
/// <item>Send links: single messages and batches (message format 0x80013700, one encoded message per data section);
/// a MessageId accepted before is dropped (duplicate detection).</item>
/// <item>Session receive links (<see cref="SessionQueue"/>): the <c>com.microsoft:session-filter</c>, the granted
/// session and <c>com.microsoft:locked-until-utc</c> in the answering attach; deliveries carry a 16-byte delivery
/// tag that is the lock token, <c>x-opt-lock-token</c>, <c>x-opt-locked-until</c>, <c>x-opt-sequence-number</c>,
/// <c>x-opt-enqueued-time</c> and the header's delivery-count.</item>
/// <item>Settlement: accepted = complete; modified = abandon (delivery count + 1); rejected with
/// <c>com.microsoft:dead-letter</c> = dead-letter with DeadLetterReason / DeadLetterErrorDescription; a delivery whose
/// link closes unsettled returns with its delivery count + 1; after <see cref="MaxDeliveryCount"/> deliveries the host
/// dead-letters it itself (MaxDeliveryCountExceeded).</item>
/// <item><c>$management</c> (<see cref="ManagementNode"/>): <c>com.microsoft:renew-session-lock</c>.</item>
/// </list>
/// </summary>
public sealed class ServiceBusTestHost : IAsyncDisposable
{
    private readonly ContainerHost _host;
    private readonly string _keyName;
    private readonly string _key;
    private readonly Func<string?, (bool Valid, string Why, DateTimeOffset ExpiresAt)>? _verifyJwt;
    private readonly ConcurrentDictionary<(Connection Connection, string Audience), DateTimeOffset> _grants = new();
    private readonly ConcurrentDictionary<Connection, byte> _connections = new();

    /// <param name="verifyJwt">Checks an Entra ID token put with type <c>jwt</c>; null refuses them.</param>
    public ServiceBusTestHost(string queueName, string keyName = "RootManageSharedAccessKey", string? key = null,
        Func<string?, (bool Valid, string Why, DateTimeOffset ExpiresAt)>? verifyJwt = null, int maxDeliveryCount = 10, TimeSpan? lockDuration = null)
    {
        QueueName = queueName;
        _keyName = keyName;
        _key = key ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _verifyJwt = verifyJwt;
        MaxDeliveryCount = maxDeliveryCount;
        Queue = new SessionQueue(this, lockDuration ?? TimeSpan.FromMinutes(1));
        Port = FreePort.Next();
        _host = new ContainerHost(new Address($"amqp://{Host}:{Port}"));
        // The SDK authenticates with the mechanism MSSBCBS ("the tokens follow on $cbs"), as Service Bus offers it.
        _host.Listeners[0].SASL.EnableMechanism(MssbCbs.Name, new MssbCbs());
        _host.Listeners[0].HandlerFactory = _ => new LockTokenTags();
        _host.Listeners[0].AMQP.MaxFrameSize = 64 * 1024;
        _host.RegisterRequestProcessor("$cbs", new CbsNode(this));
        _host.RegisterRequestProcessor(QueueName + "/$management", new ManagementNode(this));
        _host.RegisterLinkProcessor(new QueueLinks(this));
        _host.Open();
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public string QueueName { get; }

    public string Key => _key;

    /// <summary>Deliveries of a message before the host dead-letters it (the queue's maxDeliveryCount).</summary>
    public int MaxDeliveryCount { get; }

    /// <summary>The largest message (or batch) a send link takes, as on the Standard tier.</summary>
    public const int MaxMessageSize = 256 * 1024;

    public SessionQueue Queue { get; }

    public ConcurrentQueue<PutTokenRequest> PutTokenRequests { get; } = new();

    /// <summary>Every message a sender transferred, duplicates included.</summary>
    public ConcurrentQueue<Message> SentMessages { get; } = new();

    /// <summary>Transfers that carried a batch (message format 0x80013700), with the number of messages in each.</summary>
    public ConcurrentQueue<int> Batches { get; } = new();

    /// <summary>Management requests by operation.</summary>
    public ConcurrentQueue<string> ManagementOperations { get; } = new();

    /// <summary>The connection string the SDK needs: plain AMQP to this port (UseDevelopmentEmulator=true).</summary>
    public string ConnectionString(string? key = null) =>
        $"Endpoint=sb://{Host}:{Port}/;SharedAccessKeyName={_keyName};SharedAccessKey={key ?? _key};UseDevelopmentEmulator=true";

    /// <summary>Closes every client connection, as a broker restart or a network cut would.</summary>
    public void DropConnections()
    {
        foreach (var connection in _connections.Keys)
        {
            _connections.TryRemove(connection, out _);
            connection.Close(TimeSpan.Zero, new Error(ErrorCode.ConnectionForced) { Description = "Dropped by the test." });
        }
    }

    public ValueTask DisposeAsync()
    {
        _host.Close();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The entity an address or audience names: <c>sb://host[:port]/queue</c>, <c>amqp://...</c> or a bare path all
    /// name the path, compared without case (Service Bus entity names are case-insensitive).
    /// </summary>
    public static string EntityOf(string? address)
    {
        if (address is null)
            return string.Empty;
        var path = Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "sb" or "amqp" or "amqps" or "http" or "https"
            ? uri.AbsolutePath
            : address;
        return Uri.UnescapeDataString(path).Trim('/').ToLowerInvariant();
    }

    internal bool IsAuthorized(Connection connection, string address) =>
        _grants.TryGetValue((connection, EntityOf(address)), out var expiresAt) && expiresAt > DateTimeOffset.UtcNow;

    internal void Track(Connection connection) => _connections.TryAdd(connection, 0);

    /// <summary>Checks a SAS token as Service Bus does: key name, HMAC-SHA256 over "sr\nse", expiry, and a resource that covers the audience.</summary>
    private (bool Valid, string Why, DateTimeOffset ExpiresAt) VerifySas(string? token, string audience)
    {
        const string prefix = "SharedAccessSignature ";
        if (token is null || !token.StartsWith(prefix, StringComparison.Ordinal))
            return (false, "not a SharedAccessSignature", default);
        var fields = token[prefix.Length..].Split('&').Select(part => part.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!fields.TryGetValue("sr", out var sr) || !fields.TryGetValue("se", out var se) || !fields.TryGetValue("sig", out var sig) || !fields.TryGetValue("skn", out var skn))
            return (false, "the token lacks sr, se, sig or skn", default);
        if (WebUtility.UrlDecode(skn) != _keyName)
            return (false, "unknown key name", default);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_key), Encoding.UTF8.GetBytes(sr + "\n" + se)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(WebUtility.UrlDecode(sig))))
            return (false, "InvalidSignature: the token's signature does not match", default);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(se, CultureInfo.InvariantCulture));
        if (expiresAt <= DateTimeOffset.UtcNow)
            return (false, "the token has expired", default);
        var resource = EntityOf(WebUtility.UrlDecode(sr));
        var entity = EntityOf(audience);
        if (resource.Length > 0 && entity != resource && !entity.StartsWith(resource + "/", StringComparison.Ordinal))
            return (false, $"the token is for '{resource}', not '{entity}'", default);
        return (true, "OK", expiresAt);
    }

    /// <summary>SASL MSSBCBS: accepted as it comes; authorization happens per link on <c>$cbs</c>.</summary>
    private sealed class MssbCbs() : SaslProfile(Name)
    {
        public static readonly Symbol Name = new("MSSBCBS");

        protected override ITransport UpgradeTransport(ITransport transport) => transport;

        protected override DescribedList GetStartCommand(string hostname) => throw new NotSupportedException("A listener does not start SASL.");

        protected override DescribedList OnCommand(DescribedList command) =>
            command is SaslInit ? new SaslOutcome { Code = SaslCode.Ok } : throw new AmqpException(ErrorCode.NotAllowed, command.ToString());
    }

    public sealed record PutTokenRequest(string? Operation, string? Type, string? Name, string? Token, DateTimeOffset ReceivedAt, int StatusCode);

    /// <summary>Sets each delivery's tag to its lock token, as Service Bus does (the SDK settles by delivery tag).</summary>
    private sealed class LockTokenTags : IHandler
    {
        public bool CanHandle(EventId id) => id == EventId.SendDelivery;

        public void Handle(Event protocolEvent)
        {
            if (protocolEvent.Context is IDelivery delivery
                && delivery.Message?.MessageAnnotations?.Map.TryGetValue(SessionQueue.LockTokenAnnotation, out var token) == true
                && token is Guid lockToken)
                delivery.Tag = lockToken.ToByteArray();
        }
    }

    private sealed class CbsNode(ServiceBusTestHost host) : IRequestProcessor
    {
        public int Credit => 100;

        public void Process(RequestContext requestContext)
        {
            var request = requestContext.Message;
            string? Property(string name) => request.ApplicationProperties?.Map.TryGetValue(name, out var value) == true ? value as string : null;
            var (operation, type, name, token) = (Property("operation"), Property("type"), Property("name"), request.Body as string);
            var (valid, why, expiresAt) = operation != "put-token" || name is null ? (false, "not a put-token request", default)
                : type == "servicebus.windows.net:sastoken" ? host.VerifySas(token, name)
                : type == "jwt" && host._verifyJwt is { } verifyJwt ? verifyJwt(token)
                : (false, $"token type {type} is not accepted", default);
            var connection = requestContext.Link.Session.Connection;
            host.Track(connection);
            if (valid)
                host._grants[(connection, EntityOf(name))] = expiresAt;
            var status = valid ? 200 : 401;
            host.PutTokenRequests.Enqueue(new PutTokenRequest(operation, type, name, token, DateTimeOffset.UtcNow, status));
            requestContext.Complete(new Message
            {
                ApplicationProperties = new ApplicationProperties { ["status-code"] = status, ["status-description"] = why },
            });
        }
    }

    /// <summary>The queue's <c>$management</c> node: renews session locks; other operations are refused (501).</summary>
    private sealed class ManagementNode(ServiceBusTestHost host) : IRequestProcessor
    {
        public int Credit => 100;

        public void Process(RequestContext requestContext)
        {
            var request = requestContext.Message;
            var operation = request.ApplicationProperties?.Map.TryGetValue("operation", out var value) == true ? value as string : null;
            host.ManagementOperations.Enqueue(operation ?? "(none)");
            var body = request.Body as Map;
            (int Status, string Description, Map? Body) response = operation switch
            {
                "com.microsoft:renew-session-lock" when body?["session-id"] is string sessionId =>
                    host.Queue.RenewSessionLock(sessionId) is { } until
                        ? (200, "OK", new Map { ["expiration"] = until.UtcDateTime })
                        : (410, $"The lock on session {sessionId} was lost.", null),
                _ => (501, $"Operation {operation} is not supported by the test host.", null),
            };
            requestContext.Complete(new Message
            {
                ApplicationProperties = new ApplicationProperties { ["statusCode"] = response.Status, ["statusDescription"] = response.Description },
                BodySection = new AmqpValue { Value = response.Body },
            });
        }
    }

    private sealed class QueueLinks(ServiceBusTestHost host) : ILinkProcessor
    {
        public void Process(AttachContext attachContext)
        {
            // attach.Role is the client's role: true = the client receives from the queue.
            var clientReceives = attachContext.Attach.Role;
            var address = clientReceives ? ((Source)attachContext.Attach.Source).Address : ((Target)attachContext.Attach.Target).Address;
            var connection = attachContext.Link.Session.Connection;
            host.Track(connection);
            if (EntityOf(address) != EntityOf(host.QueueName))
                attachContext.Complete(new Error(ErrorCode.NotFound) { Description = $"No entity {address}." });
            else if (!host.IsAuthorized(connection, address))
                attachContext.Complete(new Error(ErrorCode.UnauthorizedAccess) { Description = $"No valid token for {address} on this connection." });
            else if (clientReceives)
                host.Queue.Attach(attachContext);
            else
            {
                attachContext.Attach.MaxMessageSize = MaxMessageSize;
                attachContext.Complete(new TargetLinkEndpoint(new QueueInput(host), attachContext.Link), 300);
            }
        }
    }

    private sealed class QueueInput(ServiceBusTestHost host) : IMessageProcessor
    {
        private const uint BatchFormat = 0x80013700;

        public int Credit => 300;

        public void Process(MessageContext messageContext)
        {
            var message = messageContext.Message;
            host.SentMessages.Enqueue(message);
            if (message.Format == BatchFormat)
            {
                var sections = message.Body switch
                {
                    Data[] many => many.Select(d => d.Binary).ToArray(),
                    byte[] one => [one],
                    _ => [],
                };
                host.Batches.Enqueue(sections.Length);
                foreach (var encoded in sections)
                    host.Queue.Enqueue(encoded);
            }
            else
            {
                var buffer = message.Encode();
                host.Queue.Enqueue(buffer.Buffer.AsSpan(buffer.Offset, buffer.Length).ToArray());
            }

            messageContext.Complete();
        }
    }
}
