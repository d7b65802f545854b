using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using FactoryCloud.Testing;

namespace FactoryCloud.Messaging.Tests;

/// <summary>
/// A stand-in for Service Bus on a free loopback port (AMQPNetLite's ContainerHost, SASL ANONYMOUS): a <c>$cbs</c>
/// node that checks SAS tokens against one key, and one queue whose links are refused on a connection without a
/// valid token for <c>sb://127.0.0.1/&lt;queue&gt;</c>. Records put-token requests, sent messages and settlements;
/// serves messages handed to <see cref="Serve"/>. With <c>requiresSession</c> the queue is session-enabled
/// (<see cref="SessionEnabledQueue"/>): messages are served per group id to session links only.
/// </summary>
internal sealed class ServiceBusTestHost : IAsyncDisposable
{
    private readonly ContainerHost _host;
    private readonly string _keyName;
    private readonly string _key;
    private readonly ConcurrentDictionary<(Connection Connection, string Audience), DateTimeOffset> _grants = new();
    private readonly Channel<Message> _toServe = Channel.CreateUnbounded<Message>();
    private readonly Func<string?, (bool Valid, string Why, DateTimeOffset ExpiresAt)>? _verifyJwt;
    private readonly ConcurrentDictionary<Connection, byte> _authorizedConnections = new();
    private readonly SessionEnabledQueue? _sessions;

    /// <param name="verifyJwt">Checks an Entra ID token put with type <c>jwt</c>; null refuses them.</param>
    /// <param name="requiresSession">Emulates a session-enabled queue: receivers must accept a session.</param>
    public ServiceBusTestHost(string queueName, string keyName, string key,
        Func<string?, (bool Valid, string Why, DateTimeOffset ExpiresAt)>? verifyJwt = null, bool requiresSession = false)
    {
        _verifyJwt = verifyJwt;
        if (requiresSession)
            _sessions = new SessionEnabledQueue((message, state) => Settlements.Enqueue((message.Properties?.MessageId, state)));
        QueueName = queueName;
        _keyName = keyName;
        _key = key;
        Port = FreePort.Next();
        _host = new ContainerHost(new Address($"amqp://{Host}:{Port}"));
        _host.Listeners[0].SASL.EnableAnonymousMechanism = true;
        _host.RegisterRequestProcessor("$cbs", new CbsProcessor(this));
        _host.RegisterLinkProcessor(new QueueLinkProcessor(this));
        _host.Open();
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public string QueueName { get; }

    public string Audience => $"sb://{Host}/{QueueName}";

    public ConcurrentQueue<PutTokenRequest> PutTokenRequests { get; } = new();

    public ConcurrentQueue<Message> SentMessages { get; } = new();

    /// <summary>What the queue keeps: Service Bus duplicate detection drops a MessageId it has already accepted.</summary>
    public ConcurrentQueue<Message> AcceptedMessages { get; } = new();

    private readonly ConcurrentDictionary<string, byte> _acceptedIds = new();

    public ConcurrentQueue<(string? MessageId, DeliveryState State)> Settlements { get; } = new();

    /// <summary>
    /// Waits until the host has recorded <paramref name="count"/> settlements (or 30 s pass). A receiver settles a
    /// delivery by sending a settled disposition that nothing answers, so the host records it after the receiver's
    /// call has returned.
    /// </summary>
    public async Task<int> WaitForSettlementsAsync(int count, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Settlements.Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(20, cancellationToken);
        return Settlements.Count;
    }

    /// <summary>Receiver attaches on a session-enabled queue, in order (empty otherwise).</summary>
    public IReadOnlyCollection<SessionEnabledQueue.ReceiverAttach> ReceiverAttaches => _sessions?.Attaches ?? [];

    /// <summary>Sessions whose link closed, in order (session-enabled queue only).</summary>
    public IReadOnlyCollection<string> ReleasedSessions => _sessions?.ReleasedSessions ?? [];

    public string ConnectionString(string key) =>
        $"Endpoint=sb://{Host}:{Port}/;SharedAccessKeyName={_keyName};SharedAccessKey={key};UseDevelopmentEmulator=true";

    public void Serve(Message message)
    {
        if (_sessions is not null)
            _sessions.Enqueue(message);
        else
            _toServe.Writer.TryWrite(message);
    }

    /// <summary>Closes every client connection that put a token, as a broker restart or a network cut would.</summary>
    public void DropConnections()
    {
        foreach (var connection in _authorizedConnections.Keys)
        {
            _authorizedConnections.TryRemove(connection, out _);
            connection.Close(TimeSpan.Zero, new Error(ErrorCode.ConnectionForced) { Description = "Dropped by the test." });
        }
    }

    public ValueTask DisposeAsync()
    {
        _toServe.Writer.TryComplete();
        _host.Close();
        return ValueTask.CompletedTask;
    }

    /// <summary>Checks a SAS token the way Service Bus does: key name, HMAC-SHA256 over "sr\nse" with the key, expiry, resource.</summary>
    private (bool Valid, string Why, DateTimeOffset ExpiresAt) Verify(string? token, string audience)
    {
        const string prefix = "SharedAccessSignature ";
        if (token is null || !token.StartsWith(prefix, StringComparison.Ordinal))
            return (false, "not a SharedAccessSignature", default);
        var fields = token[prefix.Length..].Split('&').Select(part => part.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        if (WebUtility.UrlDecode(fields.GetValueOrDefault("skn")) != _keyName)
            return (false, "unknown key name", default);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_key), Encoding.UTF8.GetBytes(fields["sr"] + "\n" + fields["se"])));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(WebUtility.UrlDecode(fields["sig"]))))
            return (false, "InvalidSignature: the token's signature does not match", default);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields["se"], CultureInfo.InvariantCulture));
        if (expiresAt <= DateTimeOffset.UtcNow)
            return (false, "the token has expired", default);
        if (WebUtility.UrlDecode(fields["sr"]) != audience)
            return (false, $"the token is for {WebUtility.UrlDecode(fields["sr"])}, not {audience}", default);
        return (true, "OK", expiresAt);
    }

    private bool IsAuthorized(Connection connection, string address) =>
        _grants.TryGetValue((connection, $"sb://{Host}/{address}"), out var expiresAt) && expiresAt > DateTimeOffset.UtcNow;

    public sealed record PutTokenRequest(string? Operation, string? Type, string? Name, string? Token, DateTimeOffset ReceivedAt, int StatusCode);

    private sealed class CbsProcessor(ServiceBusTestHost host) : IRequestProcessor
    {
        public int Credit => 10;

        public void Process(RequestContext requestContext)
        {
            var request = requestContext.Message;
            string? Property(string name) => request.ApplicationProperties?.Map.TryGetValue(name, out var value) == true ? value as string : null;
            var (operation, type, name, token) = (Property("operation"), Property("type"), Property("name"), request.Body as string);
            var (valid, why, expiresAt) = operation != "put-token" || name is null ? (false, "not a put-token request", default)
                : type == "servicebus.windows.net:sastoken" ? host.Verify(token, name)
                : type == "jwt" && host._verifyJwt is { } verifyJwt ? verifyJwt(token)
                : (false, $"token type {type} is not accepted", default);
            if (valid)
            {
                host._grants[(requestContext.Link.Session.Connection, name!)] = expiresAt;
                host._authorizedConnections.TryAdd(requestContext.Link.Session.Connection, 0);
            }
            var status = valid ? 200 : 401;
            host.PutTokenRequests.Enqueue(new PutTokenRequest(operation, type, name, token, DateTimeOffset.UtcNow, status));
            requestContext.Complete(new Message
            {
                ApplicationProperties = new ApplicationProperties { ["status-code"] = status, ["status-description"] = why },
            });
        }
    }

    private sealed class QueueLinkProcessor(ServiceBusTestHost host) : ILinkProcessor
    {
        public void Process(AttachContext attachContext)
        {
            // attach.Role is the client's role: true = the client receives from the queue.
            var clientReceives = attachContext.Attach.Role;
            var address = clientReceives ? ((Source)attachContext.Attach.Source).Address : ((Target)attachContext.Attach.Target).Address;
            if (address != host.QueueName)
            {
                attachContext.Complete(new Error(ErrorCode.NotFound) { Description = $"No entity {address}." });
            }
            else if (!host.IsAuthorized(attachContext.Link.Session.Connection, address))
            {
                attachContext.Complete(new Error(ErrorCode.UnauthorizedAccess) { Description = $"No valid token for {host.Audience} on this connection." });
            }
            else if (clientReceives && host._sessions is not null)
            {
                host._sessions.Attach(attachContext);
            }
            else if (clientReceives)
            {
                attachContext.Complete(new SourceLinkEndpoint(new QueueSource(host), attachContext.Link), 0);
            }
            else
            {
                attachContext.Complete(new TargetLinkEndpoint(new QueueSink(host), attachContext.Link), 300);
            }
        }
    }

    private sealed class QueueSink(ServiceBusTestHost host) : IMessageProcessor
    {
        public int Credit => 300;

        public void Process(MessageContext messageContext)
        {
            host.SentMessages.Enqueue(messageContext.Message);
            if (messageContext.Message.Properties?.MessageId is not { } id || host._acceptedIds.TryAdd(id, 0))
                host.AcceptedMessages.Enqueue(messageContext.Message);
            messageContext.Complete();
        }
    }

    private sealed class QueueSource(ServiceBusTestHost host) : IMessageSource
    {
        public async Task<ReceiveContext> GetMessageAsync(ListenerLink link) =>
            new(link, await host._toServe.Reader.ReadAsync());

        public void DisposeMessage(ReceiveContext receiveContext, DispositionContext dispositionContext)
        {
            host.Settlements.Enqueue((receiveContext.Message.Properties?.MessageId, dispositionContext.DeliveryState));
            dispositionContext.Complete();
        }
    }
}
