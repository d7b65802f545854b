using System.Globalization;
using System.Net;
using System.Text;
using Amqp.Framing;
using FactoryCloud.Infrastructure.Messaging;
using FactoryCloud.Infrastructure.Messaging.ServiceBus;

namespace FactoryCloud.Messaging.Tests;

public sealed class ServiceBusCbsTests
{
    private const string KeyName = "ingestion-send";
    private const string Key = "c2VjcmV0LWtleS1mb3ItdGhlLXRlc3QtaG9zdA==";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSender_PutsASignedSasTokenForTheQueueUri_ThenItsMessagesArriveWithMessageIdAndGroupId()
    {
        await using var host = new ServiceBusTestHost("telemetry", KeyName, Key);
        await using var sender = new ServiceBusTelemetryQueueSender(Options(host, Key));

        await sender.SendAsync([new("m-1", "machine-7", Encoding.UTF8.GetBytes("{}")), new("m-2", "machine-8", Encoding.UTF8.GetBytes("[]"))], Ct);

        var request = Assert.Single(host.PutTokenRequests);
        Assert.Equal(("put-token", "servicebus.windows.net:sastoken", "sb://127.0.0.1/telemetry", 200), (request.Operation, request.Type, request.Name, request.StatusCode));
        var fields = ParseToken(request.Token!);
        Assert.Equal("sb://127.0.0.1/telemetry", WebUtility.UrlDecode(fields["sr"]));
        Assert.Equal(KeyName, fields["skn"]);
        Assert.Equal(
            SharedAccessSignatureTokenProvider.CreateToken(KeyName, Key, "sb://127.0.0.1/telemetry", DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields["se"], CultureInfo.InvariantCulture))),
            request.Token);
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields["se"], CultureInfo.InvariantCulture)), DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));

        Assert.Equal(["m-1", "m-2"], host.SentMessages.Select(m => m.Properties.MessageId));
        Assert.Equal(["machine-7", "machine-8"], host.SentMessages.Select(m => m.Properties.GroupId));
        Assert.Equal(["machine-7", "machine-8"], host.SentMessages.Select(m => m.MessageAnnotations[new Amqp.Types.Symbol("x-opt-partition-key")]));
        Assert.Equal("{}", Encoding.UTF8.GetString((byte[])host.SentMessages.First().Body));
    }

    [Fact]
    public async Task WithAWrongKey_TheHostAnswers401_AndTheSenderFailsSayingSo()
    {
        await using var host = new ServiceBusTestHost("telemetry", KeyName, Key);
        await using var sender = new ServiceBusTelemetryQueueSender(Options(host, "d3Jvbmcta2V5"));

        var error = await Assert.ThrowsAsync<TelemetryQueueException>(() => sender.SendAsync([new("m-1", "machine-7", new byte[] { 1 })], Ct));

        Assert.Equal(401, Assert.Single(host.PutTokenRequests).StatusCode);
        Assert.IsType<UnauthorizedAccessException>(error.InnerException);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidSignature", error.Message, StringComparison.Ordinal);
        Assert.Contains("sb://127.0.0.1/telemetry", error.Message, StringComparison.Ordinal);
        Assert.Empty(host.SentMessages);
    }

    [Fact]
    public async Task AShortLivedToken_IsRenewedBeforeItExpires_AndSendingContinues()
    {
        await using var host = new ServiceBusTestHost("telemetry", KeyName, Key);
        var options = Options(host, Key);
        options.ServiceBus.TokenLifetime = TimeSpan.FromSeconds(3);
        await using var sender = new ServiceBusTelemetryQueueSender(options);
        await sender.SendAsync([new("before", "machine-1", new byte[] { 1 })], Ct);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (host.PutTokenRequests.Count < 3 && DateTime.UtcNow < deadline)
            await Task.Delay(100, Ct);
        await sender.SendAsync([new("after", "machine-1", new byte[] { 2 })], Ct);

        var requests = host.PutTokenRequests.ToList();
        Assert.True(requests.Count >= 3, $"{requests.Count} put-token requests in 30 s");
        Assert.All(requests, r => Assert.Equal((200, "sb://127.0.0.1/telemetry"), (r.StatusCode, r.Name)));
        for (var i = 1; i < requests.Count; i++)
        {
            var previousExpiry = DateTimeOffset.FromUnixTimeSeconds(long.Parse(ParseToken(requests[i - 1].Token!)["se"], CultureInfo.InvariantCulture));
            Assert.True(requests[i].ReceivedAt < previousExpiry, $"renewal {i} came after the previous token expired");
            Assert.True(long.Parse(ParseToken(requests[i].Token!)["se"], CultureInfo.InvariantCulture) > previousExpiry.ToUnixTimeSeconds());
        }

        Assert.Equal(["before", "after"], host.SentMessages.Select(m => m.Properties.MessageId));
    }

    [Fact]
    public async Task OnServiceBus_AbandonSendsModifiedDeliveryFailed_DeadLetterSendsRejectedWithReason_AndAnOverDeliveredMessageIsDeadLetteredUnseen()
    {
        await using var host = new ServiceBusTestHost("telemetry", KeyName, Key, requiresSession: true);
        await using var receiver = new ServiceBusTelemetryQueueReceiver(Options(host, Key));
        host.Serve(Served("retry", deliveryCount: 0));
        host.Serve(Served("bad", deliveryCount: 0));
        host.Serve(Served("done", deliveryCount: 3));
        host.Serve(Served("exhausted", deliveryCount: 10)); // the 11th delivery with MaxDeliveryCount 10

        var received = new List<ReceivedQueueMessage>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); // generous: the full test run saturates the machine
        while (received.Count < 3 && DateTime.UtcNow < deadline)
            received.AddRange(await receiver.ReceiveAsync(10, TimeSpan.FromSeconds(2), Ct));
        Assert.Equal(["retry", "bad", "done"], received.Select(m => m.MessageId));
        Assert.Equal([1, 1, 4], received.Select(m => m.DeliveryCount));
        Assert.Equal("machine-3", received[0].PartitionKey);

        await receiver.AbandonAsync(received[0], Ct);
        await receiver.DeadLetterAsync(received[1], "InvalidPayload", "field 'ts' missing", Ct);
        await receiver.CompleteAsync(received[2], Ct);
        var settled = await host.WaitForSettlementsAsync(4, Ct);

        Assert.True(settled == 4, $"{settled} of 4 settlements in 30 s");
        var settlements = host.Settlements.ToDictionary(s => s.MessageId!, s => s.State);
        var modified = Assert.IsType<Modified>(settlements["retry"]);
        Assert.True(modified.DeliveryFailed);
        Assert.False(modified.UndeliverableHere);
        AssertDeadLettered(settlements["bad"], "InvalidPayload", "field 'ts' missing");
        Assert.IsType<Accepted>(settlements["done"]);
        AssertDeadLettered(settlements["exhausted"], DeadLetterReasons.MaxDeliveryCountExceeded, "Delivered 11 times; at most 10 allowed.");
        Assert.Equal(200, Assert.Single(host.PutTokenRequests).StatusCode);
    }

    private static void AssertDeadLettered(DeliveryState state, string reason, string description)
    {
        var rejected = Assert.IsType<Rejected>(state);
        Assert.Equal("com.microsoft:dead-letter", (string)rejected.Error.Condition);
        Assert.Equal(reason, rejected.Error.Info[new Amqp.Types.Symbol("DeadLetterReason")]);
        Assert.Equal(description, rejected.Error.Info[new Amqp.Types.Symbol("DeadLetterErrorDescription")]);
    }

    private static Amqp.Message Served(string id, uint deliveryCount) => new()
    {
        Header = new Header { DeliveryCount = deliveryCount },
        Properties = new Properties { MessageId = id, GroupId = "machine-3", ContentType = "application/json" },
        BodySection = new Data { Binary = Encoding.UTF8.GetBytes("{}") },
    };

    private static QueueOptions Options(ServiceBusTestHost host, string key) => new()
    {
        Kind = QueueKind.ServiceBus,
        QueueName = host.QueueName,
        ServiceBus = { ConnectionString = host.ConnectionString(key), OperationTimeout = TimeSpan.FromSeconds(10) },
    };

    private static Dictionary<string, string> ParseToken(string token)
    {
        Assert.StartsWith("SharedAccessSignature ", token, StringComparison.Ordinal);
        return token["SharedAccessSignature ".Length..].Split('&').Select(part => part.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
    }
}
