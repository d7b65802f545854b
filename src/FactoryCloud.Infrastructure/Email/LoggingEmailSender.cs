using Microsoft.Extensions.Logging;

namespace FactoryCloud.Infrastructure.Email;

public sealed class LoggingEmailSender(ILogger<LoggingEmailSender> logger) : IEmailSender
{
    public Task SendAsync(string to, string subject, string textBody, CancellationToken cancellationToken = default)
    {
        logger.LogInformation("Email to {To}: {Subject}\n{Body}", to, subject, textBody);
        return Task.CompletedTask;
    }
}
