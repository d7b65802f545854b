using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace FactoryCloud.Infrastructure.Email;

/// <summary>
/// Email sent after the answer, not before it: account emails (confirmation, password reset, "someone tried to sign
/// up with your address") go out in the background, so how long a request takes does not tell whether an email was
/// sent, that is whether the account exists, and a slow mail server does not slow sign-up.
/// </summary>
public sealed class EmailQueue(IEmailSender sender, ILogger<EmailQueue> logger) : BackgroundService
{
    private readonly Channel<(string To, string Subject, string Body)> _queue =
        Channel.CreateBounded<(string, string, string)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Queues the email; false when the queue is full (the email is dropped and logged).</summary>
    public bool Enqueue(string to, string subject, string textBody)
    {
        if (_queue.Writer.TryWrite((to, subject, textBody))) return true;
        logger.LogWarning("Email to {To} dropped: the outgoing queue is full ({Subject})", to, subject);
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (to, subject, body) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await sender.SendAsync(to, subject, body, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Email to {To} could not be sent: {Subject}", to, subject);
            }
        }
    }
}
