using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FactoryCloud.E2E.Infrastructure;

/// <summary>
/// The real app in a child process: <c>dotnet FactoryCloud.Web.dll</c> from this project's output folder (the project
/// reference copies it there together with its static-web-assets manifests), on Kestrel at a free loopback port, with
/// a fresh SQLite database in a temp directory (migrated on start). A small shell watchdog stops the app if the test
/// process dies without disposing it, so no server outlives the run.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // $1 = test process id, $2 = log file, then the command. The app runs in the background so the shell can watch
    // both its parent (the test process) and the app; TERM to the shell stops the app gracefully.
    private const string Watchdog = """
        parent=$1; log=$2; shift 2
        "$@" </dev/null >>"$log" 2>&1 &
        app=$!
        trap 'kill -TERM $app 2>/dev/null; wait $app; exit 0' TERM INT
        while kill -0 "$parent" 2>/dev/null && kill -0 "$app" 2>/dev/null; do sleep 1; done
        kill -TERM $app 2>/dev/null
        wait $app
        """;

    private readonly Process _process;

    private AppServer(Process process, Uri baseAddress, string logFile, int mqttPort)
    {
        _process = process;
        BaseAddress = baseAddress;
        LogFile = logFile;
        MqttPort = mqttPort;
    }

    /// <summary>The app's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The built-in MQTT broker's port on 127.0.0.1.</summary>
    public int MqttPort { get; }

    /// <summary>The app's stdout and stderr.</summary>
    public string LogFile { get; }

    /// <summary>Starts the app with its data in <paramref name="dataDirectory"/>; retries once if another process takes the port first.</summary>
    public static Task<AppServer> StartAsync(string dataDirectory, CancellationToken cancellationToken = default) =>
        StartAsync(dataDirectory, [], cancellationToken);

    /// <summary>
    /// Starts the app with further settings on its command line (e.g. <c>--Clock:Offset -2.00:00:00</c>); a second
    /// start on the same <paramref name="dataDirectory"/> continues with the same database.
    /// </summary>
    public static async Task<AppServer> StartAsync(string dataDirectory, IReadOnlyList<string> settings, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryStartAsync(dataDirectory, settings, attempt, cancellationToken);
            }
            catch (AppStartException) when (attempt < 2)
            {
                // Most likely a port collision between picking the port and Kestrel binding it.
            }
        }
    }

    private static async Task<AppServer> TryStartAsync(string dataDirectory, IReadOnlyList<string> settings, int attempt, CancellationToken cancellationToken)
    {
        var appDll = Path.Combine(AppContext.BaseDirectory, "FactoryCloud.Web.dll");
        if (!File.Exists(appDll)) throw new FileNotFoundException("The app is not in the test output folder; build the E2E project.", appDll);

        var port = FreeLoopbackPort();
        var mqttPort = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var logFile = Path.Combine(dataDirectory, $"app-{Guid.NewGuid():N}-{attempt}.log");
        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = dataDirectory };
        foreach (var argument in (string[])[
            "-c", Watchdog, "fc-e2e-watchdog", Environment.ProcessId.ToString(), logFile,
            DotnetHost(), appDll,
            "--urls", baseAddress.GetLeftPart(UriPartial.Authority),
            // The output folder has the app's appsettings*.json; in Development the static-web-assets manifest maps
            // wwwroot and _content/MudBlazor to their source locations.
            "--contentRoot", AppContext.BaseDirectory,
            "--environment", "Development",
            "--Database:Provider", "Sqlite",
            "--Database:ConnectionString", $"Data Source={Path.Combine(dataDirectory, "fc.db")}",
            "--Database:ApplyMigrations", "true",
            "--Mqtt:Port", mqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Demo:Enabled", "false",
            "--App:PublicBaseUrl", baseAddress.GetLeftPart(UriPartial.Authority),
            // Every journey signs up and signs in from 127.0.0.1: the limits stay on, above what the suite needs.
            "--RateLimits:SignInPerAddress:PermitLimit", "1000",
            "--RateLimits:SignUpPerAddress:PermitLimit", "1000",
            "--Logging:LogLevel:Default", "Information",
            "--Logging:LogLevel:Microsoft.AspNetCore", "Warning",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning"])
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var setting in settings) startInfo.ArgumentList.Add(setting);
        // The test host's environment may name another environment or database; the command line wins, but be explicit.
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var process = Process.Start(startInfo) ?? throw new AppStartException("Could not start /bin/sh for the app.");
        var server = new AppServer(process, baseAddress, logFile, mqttPort);
        try
        {
            await server.WaitUntilReadyAsync(cancellationToken);
            await server.EnsureStaticAssetsAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The last lines of the app's log, for failure messages.</summary>
    public string LogTail(int lines = 40)
    {
        try
        {
            var all = File.ReadAllLines(LogFile);
            return string.Join(Environment.NewLine, all.Skip(Math.Max(0, all.Length - lines)));
        }
        catch (IOException)
        {
            return "(no app log)";
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
                throw new AppStartException($"The app exited during start-up (code {_process.ExitCode}). Log {LogFile}:{Environment.NewLine}{LogTail()}");
            try
            {
                using var response = await http.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow first request while the app warms up.
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The app did not report ready at {BaseAddress}health/ready within {StartTimeout.TotalSeconds} s. Log {LogFile}:{Environment.NewLine}{LogTail()}");
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Without MudBlazor's css and js, menus, selects and popovers silently do nothing: fail early and clearly.</summary>
    private async Task EnsureStaticAssetsAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        foreach (var asset in (string[])["_content/MudBlazor/MudBlazor.min.css", "_content/MudBlazor/MudBlazor.min.js", "_framework/blazor.web.js", "app.js"])
        {
            using var response = await http.GetAsync(new Uri(asset, UriKind.Relative), cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException(
                    $"The app serves {asset} with {(int)response.StatusCode}: static web assets were not found. " +
                    $"Check that FactoryCloud.Web.staticwebassets.*.json are in {AppContext.BaseDirectory}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // Graceful first (the watchdog forwards TERM to the app), then by force.
                using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
                    await kill.WaitForExitAsync();
                using var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(graceful.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static string DotnetHost()
    {
        // Set by the dotnet CLI for the processes it starts (dotnet test); otherwise the one on PATH.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    private static int FreeLoopbackPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private sealed class AppStartException(string message) : Exception(message);
}
