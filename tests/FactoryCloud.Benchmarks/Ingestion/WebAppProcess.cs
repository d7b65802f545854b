using System.Diagnostics;
using System.Text;
using FactoryCloud.Testing;

namespace FactoryCloud.Benchmarks.Ingestion;

/// <summary>
/// The web app as people run it (the README's run command, built in Release): its own process on the embedded
/// defaults (a SQLite file, the built-in broker, the inbox), in a temporary directory, on loopback ports.
/// </summary>
internal sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private WebAppProcess(Process process, int httpPort, int mqttPort, string directory)
    {
        _process = process;
        HttpPort = httpPort;
        MqttPort = mqttPort;
        Directory = directory;
    }

    public int HttpPort { get; }
    public int MqttPort { get; }
    public string Directory { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    public static async Task<WebAppProcess> StartAsync(string directory)
    {
        var (http, mqtt) = (FreePort.Next(), FreePort.Next());
        var dll = Locate();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var setting in (string[])[
                     $"--Urls=http://127.0.0.1:{http}", "--Mqtt:BindAddress=127.0.0.1", $"--Mqtt:Port={mqtt}",
                     // Hundreds of publishers from one address, each as fast as it can: the broker's guards would ration them.
                     "--Mqtt:Limits:PasswordChecksPerSecondPerAddress=100000", "--Mqtt:Limits:MessagesPerSecondPerDevice=10000000",
                     $"--ConnectionStrings:Sqlite=Data Source={Path.Combine(directory, "factorycloud.db")}",
                     "--App:PublicBaseUrl=http://127.0.0.1", "--RateLimits:ApiPerClient:PermitLimit=1000000",
                     "--Logging:LogLevel:Default=Warning"])
            start.ArgumentList.Add(setting);
        // FC_BENCH_VERBOSE=1: the inbox processor logs every batch (printed by the benchmark at the end).
        if (Environment.GetEnvironmentVariable("FC_BENCH_VERBOSE") == "1")
            start.ArgumentList.Add("--Logging:LogLevel:FactoryCloud.Infrastructure.Pipeline.Inbox=Debug");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        var app = new WebAppProcess(process, http, mqtt, directory);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilLiveAsync();
        return app;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    public string Log()
    {
        lock (_log) return _log.ToString();
    }

    private async Task WaitUntilLiveAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The web app exited with {_process.ExitCode}:\n{Log()}");
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The web app did not become ready:\n{Log()}");
    }

    /// <summary>CPU seconds the app used so far (user + system).</summary>
    public double CpuSeconds
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime.TotalSeconds;
        }
    }

    public long WorkingSetMiB
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64 / 1_048_576;
        }
    }

    public long PeakWorkingSetMiB
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64 / 1_048_576;
        }
    }

    private static string Locate()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FactoryCloud.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"No FactoryCloud.sln above {AppContext.BaseDirectory}.");
        var dll = Path.Combine(root.FullName, "src", "FactoryCloud.Web", "bin", output.Parent!.Name, output.Name, "FactoryCloud.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution first.");
    }

    public async ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("FC_BENCH_VERBOSE") == "1") Console.WriteLine(Log());
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
