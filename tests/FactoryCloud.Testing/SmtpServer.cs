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

    private readonly TempDirectory _directory;
    private readonly CleanupRegistration _cleanup;
    private readonly BackgroundProcess _process;
    private int _disposed;

    private SmtpServer(TempDirectory directory, CleanupRegistration cleanup, BackgroundProcess process, int port)
    {
        _directory = directory;
        _cleanup = cleanup;
        _process = process;
        Port = port;
    }

    /// <summary>Always 127.0.0.1.</summary>
    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>The Maildir the messages are written to (one file each under <c>new/</c>).</summary>
    public string MailDirectory => _directory.Combine("mail");

    public static async Task<SmtpServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var directory = TempDirectory.Create("fctest-smtp");
        CleanupRegistration? cleanup = null;
        BackgroundProcess? process = null;
        try
        {
            cleanup = await CleanupRegistration.CreateAsync(directory.Path, cancellationToken).ConfigureAwait(false);
            var port = FreePort.Next();
            var log = directory.Combine("aiosmtpd.log");
            process = BackgroundProcess.Start(s_python,
                ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", directory.Combine("mail")],
                log, workingDirectory: directory.Path);
            cleanup.SetTargets(("KILL", process.Id));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (!FreePort.IsAcceptingConnections(port))
            {
                if (process.HasExited)
                    throw new ExternalProcessException(process.Describe($"aiosmtpd exited during start on port {port} (is python3-aiosmtpd installed?)."));
                if (DateTime.UtcNow > deadline)
                    throw new ExternalProcessException(process.Describe($"aiosmtpd did not accept connections on port {port} within 15 s."));
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
            return new SmtpServer(directory, cleanup, process, port);
        }
        catch
        {
            process?.KillTree();
            process?.Dispose();
            cleanup?.EmergencyStop();
            cleanup?.Dispose();
            directory.Dispose();
            throw;
        }
    }

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
            if (_process.HasExited) throw new ExternalProcessException(_process.Describe("aiosmtpd exited while a message was awaited."));
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No matching message within {(timeout ?? TimeSpan.FromSeconds(15)).TotalSeconds} s; {Messages().Count} received.");
            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try
        {
            _process.Signal(Native.SIGKILL);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
            await FreePort.WaitUntilClosedAsync(Port, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
            _cleanup.Dispose();
            _directory.Dispose();
        }
    }
}
