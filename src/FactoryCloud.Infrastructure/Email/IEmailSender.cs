namespace FactoryCloud.Infrastructure.Email;

/// <summary>Sends email. The default writes messages to the log, since no mail server is configured out of the box.</summary>
public interface IEmailSender
{
    Task SendAsync(string to, string subject, string textBody, CancellationToken cancellationToken = default);
}
