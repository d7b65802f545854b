using System.Text;
using Microsoft.Playwright;

namespace FactoryCloud.E2E.Infrastructure;

/// <summary>
/// One test's browser contexts (each a separate cookie jar: a separate person). <see cref="RunAsync"/> runs the
/// journey; if it fails, every open page is saved as a screenshot and HTML file under the artifacts directory and the
/// failure message names them, together with browser errors and the tail of the app's log.
/// </summary>
public sealed class BrowserSession(E2EHost host, AppServer? app = null) : IAsyncDisposable
{
    /// <summary>The app the pages open: the run's shared app, or one a test started for itself.</summary>
    private AppServer App => app ?? host.App;

    private readonly List<(string Name, IBrowserContext Context, IPage Page)> _opened = [];
    private readonly List<string> _browserErrors = [];

    public Uri BaseAddress => App.BaseAddress;

    /// <summary>A new, anonymous browser context with one page, resolving relative URLs against the app.</summary>
    public async Task<IPage> OpenAsync(string name, TestScreen? size = null)
    {
        var context = await host.Browser.NewContextAsync(new()
        {
            BaseURL = App.BaseAddress.ToString(),
            Locale = "en-GB",
            ViewportSize = new() { Width = size?.Width ?? 1280, Height = size?.Height ?? 900 },
            // A phone reports touch and a small screen the way Chromium's device emulation does.
            IsMobile = size == TestScreen.Phone,
            HasTouch = size == TestScreen.Phone,
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") Record($"[{name}] console: {message.Text}");
        };
        page.PageError += (_, error) => Record($"[{name}] page error: {error}");
        _opened.Add((name, context, page));
        return page;
    }

    /// <summary>Runs a journey; on failure captures every page and fails with a message that says where the captures are.</summary>
    public async Task RunAsync(Func<Task> journey)
    {
        try
        {
            await journey();
            // Every journey also checks the Content-Security-Policy: Chromium reports what it blocked as a console error.
            string[] blocked;
            lock (_browserErrors) blocked = [.. _browserErrors.Where(e => e.Contains("Content Security Policy", StringComparison.Ordinal))];
            if (blocked.Length > 0) throw new InvalidOperationException("The Content-Security-Policy blocked: " + string.Join(" | ", blocked));
        }
        catch (Exception failure)
        {
            var captures = await CaptureAsync();
            // The inner exception carries the full message (Playwright's call log and aria snapshot); lead with its gist.
            var message = new StringBuilder()
                .AppendLine($"{failure.GetType().Name}: {failure.Message.Split('\n')[0].Trim()}")
                .AppendLine()
                .AppendLine("Screenshots and page HTML:");
            foreach (var capture in captures) message.Append("  ").AppendLine(capture);
            if (_browserErrors.Count > 0)
            {
                message.AppendLine("Browser errors:");
                lock (_browserErrors)
                    foreach (var error in _browserErrors.TakeLast(20)) message.Append("  ").AppendLine(error);
            }
            message.AppendLine($"App log ({App.LogFile}), last lines:").AppendLine(App.LogTail(30));
            throw new E2EFailureException(message.ToString(), failure);
        }
    }

    private async Task<List<string>> CaptureAsync()
    {
        var captured = new List<string>();
        var test = Sanitize(TestContext.Current.Test?.TestDisplayName ?? "test");
        var stamp = DateTime.Now.ToString("HHmmss");
        foreach (var (name, _, page) in _opened)
        {
            var stem = Path.Combine(host.ArtifactsDirectory, $"{test}-{name}-{stamp}");
            try
            {
                var png = await page.ScreenshotAsync(new() { Path = stem + ".png", FullPage = true, Timeout = 10_000 });
                captured.Add($"{stem}.png ({page.Url})");
                // Also as a test attachment, so the runner copies it into its results directory.
                TestContext.Current.AddAttachment($"screenshot-{name}", png, "image/png");
                await File.WriteAllTextAsync(stem + ".html", await page.ContentAsync());
                captured.Add(stem + ".html");
            }
            catch (Exception ex) when (ex is PlaywrightException or IOException or TimeoutException)
            {
                captured.Add($"({name}: could not capture: {ex.Message})");
            }
        }
        return captured;
    }

    private void Record(string error)
    {
        lock (_browserErrors) _browserErrors.Add(error);
    }

    private static string Sanitize(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var cleaned = new string(name.Select(c => invalid.Contains(c) || c is ' ' or '(' or ')' or '"' ? '_' : c).ToArray());
        return cleaned.Length > 120 ? cleaned[..120] : cleaned;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, context, _) in _opened) await context.DisposeAsync();
        _opened.Clear();
    }
}

/// <summary>A failed browser journey; the message lists the screenshots taken at the moment of failure.</summary>
public sealed class E2EFailureException(string message, Exception inner) : Exception(message, inner);
