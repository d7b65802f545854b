using FactoryCloud.Infrastructure.Configuration;

namespace FactoryCloud.Infrastructure.Email;

/// <summary><c>Email:Smtp</c>: the mail server FactoryCloud sends through. Unset (no <see cref="Host"/>), email is only logged.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Email:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>FactoryCloud &lt;no-reply@factory.example.com&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary>TLS on (default): implicit TLS on port 465, STARTTLS required on any other. Off only for a relay on loopback or a private network.</summary>
    public bool UseTls { get; set; } = true;

    public bool Configured => !string.IsNullOrWhiteSpace(Host);

    public void Validate()
    {
        if (!Configured)
        {
            if (!string.IsNullOrWhiteSpace(User) || !string.IsNullOrWhiteSpace(Password) || !string.IsNullOrWhiteSpace(From))
                throw new InvalidSettingException($"{Section}:Host is not set but other {Section} settings are; set the mail server's host.");
            return;
        }
        if (Port is < 1 or > 65535) throw new InvalidSettingException($"{Section}:Port must be between 1 and 65535.");
        if (string.IsNullOrWhiteSpace(From) || !MimeKit.MailboxAddress.TryParse(From, out _))
            throw new InvalidSettingException($"{Section}:From must be the sender's address, such as no-reply@factory.example.com.");
        if (string.IsNullOrWhiteSpace(User) != string.IsNullOrWhiteSpace(Password))
            throw new InvalidSettingException($"{Section}:User and {Section}:Password are set together or not at all.");
    }
}
