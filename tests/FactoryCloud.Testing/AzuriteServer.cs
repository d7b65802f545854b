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

    private readonly LoopbackServerProcess _server;

    private AzuriteServer(LoopbackServerProcess server) => _server = server;

    /// <summary>Where the test command installs Azurite: <c>FC_AZURITE_DIR</c>, else <c>~/.cache/factorycloud/azurite</c>.</summary>
    public static string InstallDirectory => Environment.GetEnvironmentVariable("FC_AZURITE_DIR") is { Length: > 0 } configured
        ? configured
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "factorycloud", "azurite");

    public int Port => _server.Port;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/{Account};";

    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = Path.Combine(InstallDirectory, "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(executable))
            throw new ExternalProcessException($"Azurite is not installed at {executable}: run ./test.sh, or npm install --prefix {InstallDirectory} azurite@3.35.0.");
        return new(await LoopbackServerProcess.StartAsync("fctest-azurite", "Azurite", (directory, port) =>
            BackgroundProcess.Start(executable,
                ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "--location", directory.Combine("data"), "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl"],
                directory.Combine("azurite.log"), workingDirectory: directory.Path), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false));
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
