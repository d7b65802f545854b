using System.Collections.Concurrent;
using System.Globalization;

namespace FactoryCloud.Testing;

/// <summary>
/// Makes sure a service's processes and temp directory do not outlive the test process:
/// <list type="bullet">
/// <item>the pids to signal are kept in <c>.fctest-kill</c> in the service's directory;</item>
/// <item>on <see cref="AppDomain.ProcessExit"/> every live registration signals them and deletes the directory;</item>
/// <item>a detached watchdog shell (reparented to init, own session) polls the test process once a second and does the
/// same if the test process dies without running ProcessExit (SIGKILL, crash, killed test host).</item>
/// </list>
/// </summary>
internal sealed class CleanupRegistration : IDisposable
{
    private const string KillFileName = ".fctest-kill";

    private const string WatchdogScript = """
        parent=$1; dir=$2
        while kill -0 "$parent" 2>/dev/null; do sleep 1; done
        if [ -f "$dir/.fctest-kill" ]; then
          while read -r sig pid; do /bin/kill -s "$sig" -- "$pid" 2>/dev/null; done < "$dir/.fctest-kill"
          sleep 2
        fi
        rm -rf "$dir"
        """;

    private static readonly ConcurrentDictionary<CleanupRegistration, byte> s_live = new();

    private readonly string _directory;
    private readonly object _gate = new();
    private (string Signal, int Pid)[] _targets = [];
    private int _watchdogPid;
    private int _disposed;

    static CleanupRegistration()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var registration in s_live.Keys)
            {
                registration.EmergencyStop();
            }
        };
    }

    private CleanupRegistration(string directory) => _directory = directory;

    public static async Task<CleanupRegistration> CreateAsync(string directory, CancellationToken cancellationToken)
    {
        var registration = new CleanupRegistration(directory);
        s_live.TryAdd(registration, 0);
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(
                "/bin/sh",
                [
                    "-c",
                    "setsid /bin/sh -c \"$0\" fctest-watchdog \"$1\" \"$2\" </dev/null >/dev/null 2>&1 & echo $!",
                    WatchdogScript,
                    Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                    directory,
                ],
                new ProcessRunOptions { Timeout = TimeSpan.FromSeconds(10) },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            s_live.TryRemove(registration, out _);
            throw;
        }

        registration._watchdogPid = int.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
        return registration;
    }

    /// <summary>Replaces the processes to signal if the test process goes away: ("KILL", pid), ("QUIT", pid), ("KILL", -pgid).</summary>
    public void SetTargets(params (string Signal, int Pid)[] targets)
    {
        lock (_gate)
        {
            _targets = targets;
            var file = Path.Combine(_directory, KillFileName);
            File.WriteAllLines(file + ".tmp", targets.Select(t => $"{t.Signal} {t.Pid.ToString(CultureInfo.InvariantCulture)}"));
            File.Move(file + ".tmp", file, overwrite: true);
        }
    }

    /// <summary>Signals every target, waits briefly, deletes the directory. Synchronous: runs in ProcessExit.</summary>
    public void EmergencyStop()
    {
        (string Signal, int Pid)[] targets;
        lock (_gate)
        {
            targets = _targets;
        }

        foreach (var (signal, pid) in targets)
        {
            Native.Signal(pid, signal switch
            {
                "QUIT" => Native.SIGQUIT,
                "TERM" => Native.SIGTERM,
                _ => Native.SIGKILL,
            });
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        foreach (var (_, pid) in targets.Where(t => t.Pid > 0))
        {
            while (Native.IsAlive(pid) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }

        try
        {
            TempDirectory.DeleteRecursively(_directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort; the watchdog retries once this process is gone.
        }
    }

    /// <summary>The service stopped normally: stop the watchdog and forget the registration.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        s_live.TryRemove(this, out _);
        Native.Signal(_watchdogPid, Native.SIGKILL);
    }
}
