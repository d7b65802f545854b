using System.Diagnostics;
using System.Globalization;
using System.Text;
using FactoryCloud.Testing;

namespace FactoryCloud.IntegrationTests.Pipeline;

/// <summary>
/// The ingestion worker host (<c>dotnet FactoryCloud.TelemetryWorker.dll --Key=Value ...</c>) as a separate OS process, as in
/// production: killed with SIGKILL and started again on the same settings, its console appended to a log file. A
/// detached watchdog kills it should the test process die first.
/// </summary>
public sealed class IngestionProcess : IAsyncDisposable
{
    private static readonly Lazy<Task<string>> s_assembly = new(LocateOrBuildAsync);

    private readonly IReadOnlyList<string> _arguments;
    private readonly string? _assembly;
    private readonly object _logGate = new();
    private Process? _process;
    private int _starts;

    private IngestionProcess(string name, IReadOnlyDictionary<string, string?> settings, string logFile, string? assembly)
    {
        _assembly = assembly;
        Name = name;
        LogFile = logFile;
        // The worker answers health probes over HTTP; a free port each, so that several workers run side by side.
        _arguments = settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}")
            .Prepend("--Urls=http://127.0.0.1:0").ToList();
    }

    public string Name { get; }

    /// <summary>stdout and stderr of every run, each run headed by a marker line.</summary>
    public string LogFile { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>How many times the process was started.</summary>
    public int Starts => _starts;

    /// <summary>
    /// The worker's dll, next to this test assembly's configuration (<c>src/FactoryCloud.TelemetryWorker/bin/{Release|Debug}/net10.0</c>),
    /// built first if it is missing or older than its sources (the test project does not reference it).
    /// </summary>
    public static Task<string> AssemblyAsync() => s_assembly.Value;

    /// <param name="assembly">Another app's dll to run the same way (the web app); default the ingestion worker.</param>
    public static async Task<IngestionProcess> StartAsync(string name, IReadOnlyDictionary<string, string?> settings, string logDirectory, string? assembly = null)
    {
        var process = new IngestionProcess(name, settings, Path.Combine(logDirectory, name + ".log"), assembly);
        await process.StartAsync();
        return process;
    }

    public async Task StartAsync()
    {
        if (IsRunning) throw new InvalidOperationException($"{Name} is already running.");
        var assembly = _assembly ?? await AssemblyAsync();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in _arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var run = Interlocked.Increment(ref _starts);
        Append($"==== {Name} run {run} at {DateTimeOffset.UtcNow:O}");
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Append(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Append(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await StartWatchdogAsync(process.Id);
    }

    /// <summary>SIGKILL: no shutdown code runs, whatever was not acknowledged or committed is the brokers' to redeliver.</summary>
    public void Kill()
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} was never started.");
        if (process.HasExited) throw new InvalidOperationException($"{Name} exited by itself:\n{Tail()}");
        process.Kill(entireProcessTree: false); // SIGKILL on Linux
        if (!process.WaitForExit(TimeSpan.FromSeconds(10))) throw new InvalidOperationException($"{Name} did not die on SIGKILL.");
        Append($"==== {Name} killed (SIGKILL) at {DateTimeOffset.UtcNow:O}");
    }

    /// <summary>Waits until the current run logged <paramref name="text"/>; fails early if the process exits.</summary>
    public async Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        var marker = $"==== {Name} run {_starts} at";
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var log = ReadLog();
            var current = log[Math.Max(0, log.LastIndexOf(marker, StringComparison.Ordinal))..];
            if (current.Contains(text, StringComparison.Ordinal)) return;
            if (_process is { HasExited: true } exited)
                throw new InvalidOperationException($"{Name} exited with {exited.ExitCode} before logging '{text}':\n{Tail()}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} did not log '{text}' within {timeout}:\n{Tail()}");
            await Task.Delay(50);
        }
    }

    public string ReadLog()
    {
        lock (_logGate) return File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";
    }

    public string Tail(int lines = 60) => string.Join('\n', ReadLog().Split('\n').TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            process.Dispose();
        }
    }

    private void Append(string line)
    {
        lock (_logGate) File.AppendAllText(LogFile, line + "\n");
    }

    /// <summary>A detached shell that SIGKILLs the worker once this test process is gone (as CleanupRegistration does for the brokers).</summary>
    private static Task StartWatchdogAsync(int pid) =>
        ProcessRunner.RunAsync("/bin/sh",
        [
            "-c",
            "setsid /bin/sh -c \"$0\" fctest-ingestion-watchdog \"$1\" \"$2\" </dev/null >/dev/null 2>&1 &",
            """
            parent=$1; child=$2
            while kill -0 "$parent" 2>/dev/null; do
              kill -0 "$child" 2>/dev/null || exit 0
              sleep 1
            done
            kill -9 "$child" 2>/dev/null
            """,
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            pid.ToString(CultureInfo.InvariantCulture),
        ], new ProcessRunOptions { Timeout = TimeSpan.FromSeconds(10) });

    private static async Task<string> LocateOrBuildAsync()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)); // .../bin/Release/net10.0
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FactoryCloud.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"No FactoryCloud.sln above {AppContext.BaseDirectory}.");

        var project = Path.Combine(root.FullName, "src", "FactoryCloud.TelemetryWorker");
        var bin = Path.Combine(project, "bin", configuration, framework);
        var assembly = Path.Combine(bin, "FactoryCloud.TelemetryWorker.dll");
        if (IsStale(root.FullName, bin))
        {
            await ProcessRunner.RunAsync("dotnet",
                ["build", Path.Combine(project, "FactoryCloud.TelemetryWorker.csproj"), "-c", configuration, "--nologo", "-v", "q"],
                new ProcessRunOptions { Timeout = TimeSpan.FromMinutes(3), WorkingDirectory = root.FullName });
        }
        if (!File.Exists(assembly)) throw new InvalidOperationException($"Building the ingestion worker produced no {assembly}.");
        return assembly;
    }

    /// <summary>A project's dll in the worker's bin is missing or older than one of that project's sources.</summary>
    private static bool IsStale(string root, string bin)
    {
        foreach (var name in new[] { "FactoryCloud.Domain", "FactoryCloud.Infrastructure", "FactoryCloud.TelemetryWorker" })
        {
            var dll = new FileInfo(Path.Combine(bin, name + ".dll"));
            if (!dll.Exists) return true;
            var sources = Path.Combine(root, "src", name);
            var newest = Directory.EnumerateFiles(sources, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)))
                .Select(File.GetLastWriteTimeUtc)
                .DefaultIfEmpty(DateTime.MinValue)
                .Max();
            if (newest > dll.LastWriteTimeUtc) return true;
        }
        return false;
    }
}
