namespace FactoryCloud.Testing;

/// <summary>
/// Azurite, Microsoft's Azure Storage emulator (npm package <c>azurite</c>, on Node), serving Blob Storage on
/// 127.0.0.1 from a temp directory, for tests of the Blob Storage code against the real protocol. The test command
/// installs it (<c>npm install</c> into <see cref="InstallDirectory"/>); killed and deleted on dispose.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account (public, documented by Microsoft; not a secret).</summary>
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly TempDirectory _directory;
    private readonly CleanupRegistration _cleanup;
    private readonly BackgroundProcess _process;
    private int _disposed;

    private AzuriteServer(TempDirectory directory, CleanupRegistration cleanup, BackgroundProcess process, int port) =>
        (_directory, _cleanup, _process, Port) = (directory, cleanup, process, port);

    /// <summary>Where the test command installs Azurite: <c>FC_AZURITE_DIR</c>, else <c>~/.cache/factorycloud/azurite</c>.</summary>
    public static string InstallDirectory => Environment.GetEnvironmentVariable("FC_AZURITE_DIR") is { Length: > 0 } configured
        ? configured
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "factorycloud", "azurite");

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/{Account};";

    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = Path.Combine(InstallDirectory, "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(executable))
            throw new ExternalProcessException($"Azurite is not installed at {executable}: run ./test.sh, or npm install --prefix {InstallDirectory} azurite@3.35.0.");
        var directory = TempDirectory.Create("fctest-azurite");
        CleanupRegistration? cleanup = null;
        BackgroundProcess? process = null;
        try
        {
            cleanup = await CleanupRegistration.CreateAsync(directory.Path, cancellationToken).ConfigureAwait(false);
            var port = FreePort.Next();
            process = BackgroundProcess.Start(executable,
                ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "--location", directory.Combine("data"), "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl"],
                directory.Combine("azurite.log"), workingDirectory: directory.Path);
            cleanup.SetTargets(("KILL", process.Id));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!FreePort.IsAcceptingConnections(port))
            {
                if (process.HasExited) throw new ExternalProcessException(process.Describe($"Azurite exited during start on port {port}."));
                if (DateTime.UtcNow > deadline) throw new ExternalProcessException(process.Describe($"Azurite did not accept connections on port {port} within 30 s."));
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            return new AzuriteServer(directory, cleanup, process, port);
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
            _directory.Dispose();
        }
    }
}
