using System.Collections.Concurrent;
using System.Text;
using Azure.Core;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Messaging.Tests;

/// <summary>Service Bus with Entra ID tokens (managed identity): jwt put-token on $cbs, renewal, reconnect.</summary>
public sealed class ServiceBusManagedIdentityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSender_PutsTheCredentialsTokenAsJwtForTheServiceBusScope_ThenItsMessagesArrive()
    {
        var credential = new ShortLivedCredential(TimeSpan.FromMinutes(30));
        await using var host = new ServiceBusTestHost("telemetry", "unused", "dW51c2Vk", credential.Verify);
        await using var sender = new ServiceBusTelemetryQueueSender(Options(host), new TokenCredentialAmqpTokenProvider(credential));

        await sender.SendAsync([new("m-1", "machine-7", Encoding.UTF8.GetBytes("{}"))], Ct);

        var request = Assert.Single(host.PutTokenRequests);
        Assert.Equal(("put-token", "jwt", "sb://127.0.0.1/telemetry", 200), (request.Operation, request.Type, request.Name, request.StatusCode));
        Assert.Equal(credential.Issued.Single().Token, request.Token);
        Assert.Equal(["https://servicebus.azure.net/.default"], credential.RequestedScopes.Distinct());
        Assert.Equal(["m-1"], host.SentMessages.Select(m => m.Properties.MessageId));
    }

    [Fact]
    public async Task AShortLivedEntraToken_IsRenewedBeforeItExpires_OnATimerFromItsExpiry()
    {
        var credential = new ShortLivedCredential(TimeSpan.FromSeconds(3));
        await using var host = new ServiceBusTestHost("telemetry", "unused", "dW51c2Vk", credential.Verify);
        await using var sender = new ServiceBusTelemetryQueueSender(Options(host), new TokenCredentialAmqpTokenProvider(credential));
        await sender.SendAsync([new("before", "machine-1", new byte[] { 1 })], Ct);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (host.PutTokenRequests.Count < 3 && DateTime.UtcNow < deadline)
            await Task.Delay(100, Ct);
        // Well after the first token expired: sending still works on the same connection with the renewed token.
        await sender.SendAsync([new("after", "machine-1", new byte[] { 2 })], Ct);

        var requests = host.PutTokenRequests.ToList();
        Assert.True(requests.Count >= 3, $"{requests.Count} put-token requests in 30 s");
        Assert.All(requests, r => Assert.Equal((200, "jwt"), (r.StatusCode, r.Type)));
        for (var i = 1; i < requests.Count; i++)
        {
            var previous = credential.ExpiryOf(requests[i - 1].Token!);
            Assert.True(requests[i].ReceivedAt < previous, $"renewal {i} came after the previous token expired");
            Assert.NotEqual(requests[i - 1].Token, requests[i].Token);
        }
        Assert.Equal(["before", "after"], host.SentMessages.Select(m => m.Properties.MessageId));
    }

    [Fact]
    public async Task AfterTheConnectionIsLost_TheSenderReconnectsWithAFreshToken_AndTheQueueKeepsEachMessageOnce()
    {
        var credential = new ShortLivedCredential(TimeSpan.FromMinutes(30));
        await using var host = new ServiceBusTestHost("telemetry", "unused", "dW51c2Vk", credential.Verify);
        await using var sender = new ServiceBusTelemetryQueueSender(Options(host), new TokenCredentialAmqpTokenProvider(credential));
        await sender.SendAsync([new("before", "machine-1", new byte[] { 1 })], Ct);

        host.DropConnections();
        var failures = await SendWithRetriesAsync(sender, new QueueMessage("after", "machine-1", new byte[] { 2 }));

        // A send whose acknowledgement was lost with the connection is sent again with the same MessageId;
        // duplicate detection (on the telemetry queue, infra/modules/servicebus.bicep) keeps one copy.
        Assert.Equal(["before", "after"], host.AcceptedMessages.Select(m => m.Properties.MessageId));
        Assert.All(host.SentMessages.Skip(1), m => Assert.Equal("after", m.Properties.MessageId));
        Assert.InRange(failures, 0, 1);
        Assert.Equal(2, host.PutTokenRequests.Count(r => r.Type == "jwt" && r.StatusCode == 200));
    }

    [Fact]
    public async Task AuthManagedIdentity_RegistersTheTokenCredentialProvider_WithTheNamespaceAsEndpoint()
    {
        var credential = new ShortLivedCredential(TimeSpan.FromMinutes(30));
        await using var host = new ServiceBusTestHost("telemetry", "unused", "dW51c2Vk", credential.Verify);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Queue:Kind"] = "ServiceBus",
            ["Queue:ServiceBus:ConnectionString"] = $"Endpoint=sb://{host.Host}:{host.Port}/;UseDevelopmentEmulator=true",
            ["Queue:ServiceBus:Auth"] = "ManagedIdentity",
        }).Build();
        await using var services = new ServiceCollection().AddSingleton<TokenCredential>(credential).AddTelemetryQueue(configuration).BuildServiceProvider();

        await services.GetRequiredService<ITelemetryQueueSender>().SendAsync([new("m-1", "machine-1", new byte[] { 1 })], Ct);

        Assert.IsType<TokenCredentialAmqpTokenProvider>(services.GetRequiredService<IAmqpTokenProvider>());
        Assert.Equal("jwt", Assert.Single(host.PutTokenRequests).Type);
    }

    private static async Task<int> SendWithRetriesAsync(ITelemetryQueueSender sender, QueueMessage message)
    {
        for (var failures = 0; ; failures++)
        {
            try
            {
                await sender.SendAsync([message], Ct);
                return failures;
            }
            catch (TelemetryQueueException) when (failures < 3)
            {
                // As QueueSink does: the message was not accepted, so sending it again cannot duplicate it.
            }
        }
    }

    private static QueueOptions Options(ServiceBusTestHost host) => new()
    {
        Kind = QueueKind.ServiceBus,
        QueueName = host.QueueName,
        ServiceBus =
        {
            ConnectionString = $"Endpoint=sb://{host.Host}:{host.Port}/;UseDevelopmentEmulator=true",
            Auth = ServiceBusAuth.ManagedIdentity,
            OperationTimeout = TimeSpan.FromSeconds(10),
        },
    };

    /// <summary>A stand-in for a managed identity: issues opaque tokens with a short lifetime and remembers them.</summary>
    private sealed class ShortLivedCredential(TimeSpan lifetime) : TokenCredential
    {
        private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new();

        public ConcurrentQueue<AccessToken> Issued { get; } = new();
        public ConcurrentQueue<string> RequestedScopes { get; } = new();

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes) RequestedScopes.Enqueue(scope);
            var token = new AccessToken("eyJ.fake-entra-token." + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow + lifetime);
            _expiries[token.Token] = token.ExpiresOn;
            Issued.Enqueue(token);
            return token;
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));

        public DateTimeOffset ExpiryOf(string token) => _expiries[token];

        /// <summary>What the broker checks: a token this identity issued, not yet expired.</summary>
        public (bool Valid, string Why, DateTimeOffset ExpiresAt) Verify(string? token) =>
            token is not null && _expiries.TryGetValue(token, out var expiresAt)
                ? expiresAt > DateTimeOffset.UtcNow ? (true, "OK", expiresAt) : (false, "the token has expired", default)
                : (false, "unknown token", default);
    }
}
