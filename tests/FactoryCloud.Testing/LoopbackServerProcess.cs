namespace FactoryCloud.Testing;

/// <summary>
/// One server process on 127.0.0.1 with its own temp directory (the SMTP server, Azurite): started on a free port,
/// registered with the cleanup watchdog (killed even if the test host dies), awaited until it accepts connections,
/// and killed, awaited and deleted on dispose.
/// </summary>
internal sealed class LoopbackServerProcess : IAsyncDisposable
{
    private readonly CleanupRegistration _cleanup;
    private readonly BackgroundProcess _process;
    private int _disposed;

    private LoopbackServerProcess(TempDirectory directory, CleanupRegistration cleanup, BackgroundProcess process, int port) =>
        (Directory, _cleanup, _process, Port) = (directory, cleanup, process, port);

    public TempDirectory Directory { get; }
    public BackgroundProcess Process => _process;
    public int Port { get; }

    /// <param name="name">Names the server in errors.</param>
    /// <param name="start">Starts the process in the given directory, listening on the given port.</param>
    public static async Task<LoopbackServerProcess> StartAsync(string prefix, string name, Func<TempDirectory, int, BackgroundProcess> start,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var directory = TempDirectory.Create(prefix);
        CleanupRegistration? cleanup = null;
        BackgroundProcess? process = null;
        try
        {
            cleanup = await CleanupRegistration.CreateAsync(directory.Path, cancellationToken).ConfigureAwait(false);
            var port = FreePort.Next();
            process = start(directory, port);
            cleanup.SetTargets(("KILL", process.Id));
            var deadline = DateTime.UtcNow + timeout;
            while (!FreePort.IsAcceptingConnections(port))
            {
                if (process.HasExited) throw new ExternalProcessException(process.Describe($"{name} exited during start on port {port}."));
                if (DateTime.UtcNow > deadline)
                    throw new ExternalProcessException(process.Describe($"{name} did not accept connections on port {port} within {timeout.TotalSeconds:0} s."));
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            }
            return new LoopbackServerProcess(directory, cleanup, process, port);
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

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        try
        {
            _process.KillTree();
            _process.WaitForExit(TimeSpan.FromSeconds(10));
            await FreePort.WaitUntilClosedAsync(Port, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
            _cleanup.Dispose();
            Directory.Dispose();
        }
    }
}
