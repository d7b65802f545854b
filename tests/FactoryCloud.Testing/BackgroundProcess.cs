using System.ComponentModel;
using System.Diagnostics;

namespace FactoryCloud.Testing;

/// <summary>A long-running service process whose stdout and stderr are appended to a log file.</summary>
internal sealed class BackgroundProcess : IDisposable
{
    // `exec` keeps the pid: the Process object tracks the service itself, not a wrapper shell.
    private const string PlainLauncher = "log=$1; shift; exec \"$@\" </dev/null >>\"$log\" 2>&1";

    // setsid(1) execs in place (we are not a process-group leader), making the service the leader of its own
    // group, so that the group (e.g. rabbitmq-server's sh + beam.smp) can be signalled at once.
    private const string GroupLauncher = "log=$1; shift; exec setsid \"$@\" </dev/null >>\"$log\" 2>&1";

    private readonly Process _process;

    private BackgroundProcess(Process process, string commandLine, string logFile)
    {
        _process = process;
        CommandLine = commandLine;
        LogFile = logFile;
        Id = process.Id;
    }

    public int Id { get; }

    public string CommandLine { get; }

    public string LogFile { get; }

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    public int? ExitCode => HasExited ? _process.ExitCode : null;

    public static BackgroundProcess Start(
        string fileName,
        IReadOnlyList<string> arguments,
        string logFile,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        bool ownProcessGroup = false)
    {
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var arg in (string[])["-c", ownProcessGroup ? GroupLauncher : PlainLauncher, "sh", logFile, fileName, .. arguments])
        {
            startInfo.ArgumentList.Add(arg);
        }

        ProcessRunner.ApplyEnvironment(startInfo, environment);
        var commandLine = ProcessRunner.FormatCommandLine(fileName, arguments);
        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new ExternalProcessException($"Could not start `{commandLine}`: {ex.Message}", null, ex);
        }

        return new BackgroundProcess(process, commandLine, logFile);
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        try
        {
            return _process.WaitForExit(timeout);
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    public void Signal(int signal)
    {
        if (!HasExited)
        {
            Native.Signal(Id, signal);
        }
    }

    public void KillTree()
    {
        if (!HasExited)
        {
            ProcessRunner.KillTree(_process);
        }
    }

    public string Describe(string headline, params string[] moreLogFiles) =>
        Diagnostics.Describe(
            $"{headline}\n--- process: {CommandLine} (pid {Id}{(HasExited ? $", exited with {ExitCode}" : ", running")})",
            null,
            [LogFile, .. moreLogFiles]);

    public void Dispose() => _process.Dispose();
}
