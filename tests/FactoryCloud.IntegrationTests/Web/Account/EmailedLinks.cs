using System.Text.RegularExpressions;
using FactoryCloud.Testing;

namespace FactoryCloud.IntegrationTests.Web.Account;

/// <summary>Reads the emails the app sent to the test SMTP server, as their recipient would.</summary>
public static partial class EmailedLinks
{
    public sealed record Mail(string To, string Subject, string Text);

    /// <summary>Waits for the first email to <paramref name="to"/> whose subject contains <paramref name="subject"/>.</summary>
    public static async Task<Mail> WaitForAsync(SmtpServer smtp, string to, string subject)
    {
        var raw = await smtp.WaitForMessageAsync(m => Parse(m) is var mail && mail.To == to && mail.Subject.Contains(subject, StringComparison.Ordinal));
        return Parse(raw);
    }

    public static IEnumerable<Mail> All(SmtpServer smtp) => smtp.Messages().Select(Parse);

    /// <summary>The one link in <paramref name="mail"/> to <paramref name="path"/> under the public base URL, as a path and query.</summary>
    public static string LinkTo(Mail mail, string publicBaseUrl, string path)
    {
        var match = Regex.Match(mail.Text, Regex.Escape(publicBaseUrl + path) + @"[^\s]*");
        Assert.True(match.Success, $"No link to {path} in: {mail.Text}");
        return match.Value[publicBaseUrl.Length..];
    }

    /// <summary>The query parameter <paramref name="name"/> of a link.</summary>
    public static string Query(string link, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + link).Query)[name].ToString();

    private static Mail Parse(string raw)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw));
        var message = MimeKit.MimeMessage.Load(stream);
        return new Mail(message.To.Mailboxes.Single().Address, message.Subject ?? "", message.TextBody ?? "");
    }
}
