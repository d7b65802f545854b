namespace FactoryCloud.Infrastructure.Email;

/// <summary>
/// Stands in for a mail server: logs who would get which email, never the body, since bodies carry secrets
/// (invitation tokens) and logs are read by more people, for longer, than the mail.
/// </summary>
public sealed class LoggingEmailSender(ILogger<LoggingEmailSender> logger) : IEmailSender
{
    public Task SendAsync(string to, string subject, string textBody, CancellationToken cancellationToken = default)
    {
        logger.LogInformation("Email to {To} not sent (no mail server is configured): {Subject}", to, subject);
        return Task.CompletedTask;
    }
}
