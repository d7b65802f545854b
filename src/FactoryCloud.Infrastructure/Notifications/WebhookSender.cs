using System.Diagnostics;
using System.Net;
using System.Text;
using FactoryCloud.Domain.Notifications;
using Polly;
using Polly.Retry;

namespace FactoryCloud.Infrastructure.Notifications;

/// <summary>One HTTP attempt at a webhook: its answer's status (null for none), how long it took, and why it failed.</summary>
public sealed record WebhookAttempt(int Number, DateTimeOffset At, int? StatusCode, double DurationMs, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// POSTs a signed notice to a webhook, retrying a failed attempt (5xx, 408, 429, no answer) with exponential
/// back-off and jitter through a Polly retry pipeline. Every attempt is reported, for the delivery log. Redirects are
/// not followed (a 3xx is a failure), so a receiver cannot send the signed payload elsewhere.
/// </summary>
public sealed class WebhookSender
{
    public const string HttpClientName = "FactoryCloud.Webhooks";

    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _clock;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public WebhookSender(IHttpClientFactory clients, IOptions<NotificationOptions> options, TimeProvider clock)
    {
        _clients = clients;
        _clock = clock;
        var settings = options.Value.Webhooks;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(settings.RetryCount, 0),
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>(e => !PublicAddressGuard.Refused(e, out _))
                    .Handle<TaskCanceledException>(e => e.InnerException is TimeoutException)
                    .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests),
            })
            .Build();
    }

    /// <summary>Delivers <paramref name="notice"/>; <paramref name="firstAttempt"/> numbers the attempts across rounds.</summary>
    public async Task<IReadOnlyList<WebhookAttempt>> SendAsync(
        Webhook webhook, Guid deliveryId, AlertNotice notice, int firstAttempt, CancellationToken ct)
    {
        var body = WebhookPayloads.Body(notice, webhook.Format);
        var attempts = new List<WebhookAttempt>();
        var client = _clients.CreateClient(HttpClientName);
        try
        {
            using var last = await _pipeline.ExecuteAsync(async token =>
            {
                var number = firstAttempt + attempts.Count;
                var at = _clock.GetUtcNow();
                var timestamp = at.ToUnixTimeSeconds();
                using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(webhook.Secret, timestamp, body));
                request.Headers.Add(WebhookSignature.EventHeader, notice.EventName);
                request.Headers.Add(WebhookSignature.DeliveryHeader, deliveryId.ToString());
                var watch = Stopwatch.StartNew();
                try
                {
                    var response = await client.SendAsync(request, token);
                    attempts.Add(new WebhookAttempt(number, at, (int)response.StatusCode, watch.Elapsed.TotalMilliseconds, null));
                    return response;
                }
                catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !token.IsCancellationRequested))
                {
                    attempts.Add(new WebhookAttempt(number, at, null, watch.Elapsed.TotalMilliseconds, Describe(e)));
                    throw;
                }
            }, ct);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // Every retry failed without an answer; each attempt is in the list already.
        }
        return attempts;
    }

    private static string Describe(Exception e) =>
        e is TaskCanceledException ? "No answer within the timeout." : PublicAddressGuard.Refused(e, out var refused) ? refused! : e.Message;
}
