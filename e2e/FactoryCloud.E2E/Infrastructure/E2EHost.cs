using Microsoft.Playwright;

namespace FactoryCloud.E2E.Infrastructure;

/// <summary>
/// The assembly fixture: the app (see <see cref="AppServer"/>) with its SQLite database in a temp directory, and one
/// headless Debian Chromium driven by Playwright. Never runs <c>playwright install</c>: the browser is the system's.
/// Tests open their own contexts through <see cref="BrowserSession"/>.
/// </summary>
public sealed class E2EHost : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private const string DataDirectoryPrefix = "fc-e2e-";

    private string? _dataDirectory;
    private IPlaywright? _playwright;

    public AppServer App { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>
    /// Where screenshots and HTML of failed journeys go: <c>--results-directory</c> when the test executable is run
    /// with it, else bin/…/TestResults. The screenshots are also test attachments, which <c>dotnet test</c> copies
    /// into its own results directory.
    /// </summary>
    public string ArtifactsDirectory { get; } = Path.Combine(ResultsDirectory(), "e2e-artifacts");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (do not run `playwright install`).");

        // Generous for a 2-core machine that other builds share; Playwright's default is 5 s.
        Assertions.SetDefaultExpectTimeout(10_000);
        DeleteStaleDataDirectories();
        _dataDirectory = Directory.CreateTempSubdirectory(DataDirectoryPrefix).FullName;
        Directory.CreateDirectory(ArtifactsDirectory);

        // Start the app and the browser side by side: both take a few seconds.
        var app = AppServer.StartAsync(_dataDirectory);
        var browser = LaunchBrowserAsync();
        try
        {
            App = await app;
        }
        finally
        {
            // Keep the browser even if the app failed, so DisposeAsync closes it.
            try { Browser = await browser; } catch (PlaywrightException) when (app.IsFaulted) { }
        }
    }

    private async Task<IBrowser> LaunchBrowserAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _playwright.Selectors.SetTestIdAttribute("data-testid");
        return await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        // Browser first, so no circuit keeps the app's graceful shutdown waiting.
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
        if (_dataDirectory is not null) DeleteDirectory(_dataDirectory);
    }

    /// <summary>Data left by runs that were killed before they could clean up (their app stopped with them).</summary>
    private static void DeleteStaleDataDirectories()
    {
        foreach (var stale in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(DataDirectoryPrefix + "*"))
        {
            if (stale.LastWriteTimeUtc > DateTime.UtcNow.AddHours(-12)) continue;
            try { stale.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static void DeleteDirectory(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static string ResultsDirectory()
    {
        var args = Environment.GetCommandLineArgs();
        var index = Array.IndexOf(args, "--results-directory");
        return index >= 0 && index + 1 < args.Length
            ? Path.GetFullPath(args[index + 1])
            : Path.Combine(AppContext.BaseDirectory, "TestResults");
    }
}
