namespace FactoryCloud.Testing;

/// <summary>
/// A real SMTP server on 127.0.0.1 for tests that send email: Debian's <c>python3-aiosmtpd</c> with its Mailbox
/// handler, which stores each message it accepts as a file in a Maildir (<c>new/</c>) in the server's temp directory.
/// Plain SMTP, no authentication, no TLS (set <c>UseTls=false</c> in the client). Killed and deleted on dispose.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    // Debian's interpreter, where python3-aiosmtpd installs; a python3 earlier on PATH (pyenv, venv) lacks the module.
    private static readonly string s_python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private readonly LoopbackServerProcess _server;

    private SmtpServer(LoopbackServerProcess server) => _server = server;

    /// <summary>Always 127.0.0.1.</summary>
    public string Host => "127.0.0.1";

    public int Port => _server.Port;

    /// <summary>The Maildir the messages are written to (one file each under <c>new/</c>).</summary>
    public string MailDirectory => _server.Directory.Combine("mail");

    public static async Task<SmtpServer> StartAsync(CancellationToken cancellationToken = default) =>
        new(await LoopbackServerProcess.StartAsync("fctest-smtp", "aiosmtpd (is python3-aiosmtpd installed?)", (directory, port) =>
            BackgroundProcess.Start(s_python,
                ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", directory.Combine("mail")],
                directory.Combine("aiosmtpd.log"), workingDirectory: directory.Path), TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false));

    /// <summary>The raw messages (RFC 5322 text, headers and encoded body) received so far, oldest first.</summary>
    public IReadOnlyList<string> Messages()
    {
        var received = Path.Combine(MailDirectory, "new");
        if (!Directory.Exists(received)) return [];
        return [.. new DirectoryInfo(received).GetFiles().OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => File.ReadAllText(f.FullName))];
    }

    /// <summary>
    /// Waits until a message matching <paramref name="match"/> (given the raw text) has arrived and returns it;
    /// throws <see cref="TimeoutException"/> after <paramref name="timeout"/> (default 15 s).
    /// </summary>
    public async Task<string> WaitForMessageAsync(Func<string, bool> match, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            if (Messages().FirstOrDefault(match) is { } message) return message;
            if (_server.Process.HasExited) throw new ExternalProcessException(_server.Process.Describe("aiosmtpd exited while a message was awaited."));
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No matching message within {(timeout ?? TimeSpan.FromSeconds(15)).TotalSeconds} s; {Messages().Count} received.");
            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
