using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace FactoryCloud.Testing;

/// <summary>What a finished (or timed-out) command produced.</summary>
/// <param name="CommandLine">The command as a shell-like string, for messages.</param>
/// <param name="ExitCode">The exit code; -1 when the command timed out and was killed.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
/// <param name="Elapsed">Wall-clock time from start to exit.</param>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed);

/// <summary>How <see cref="ProcessRunner.RunAsync"/> runs a command.</summary>
public sealed record ProcessRunOptions
{
    /// <summary>Kill the command (and its children) after this long. Default 60 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Variables to set (a null value removes the variable) on top of this process's environment.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Working directory; default: this process's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Log files whose tails are appended to the exception message on failure.</summary>
    public IReadOnlyList<string> LogFiles { get; init; } = [];

    /// <summary>Throw <see cref="ExternalProcessException"/> on a non-zero exit code. Default true.</summary>
    public bool ThrowOnNonZeroExitCode { get; init; } = true;
}

/// <summary>
/// A command or service failed. The message carries the command line, exit code, stdout, stderr and the
/// tails of the relevant log files, so that a failing test is diagnosable from its output alone.
/// </summary>
public class ExternalProcessException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExternalProcessException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ExternalProcessException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ExternalProcessException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the result of the failed command.</summary>
    public ExternalProcessException(string message, ProcessResult? result, Exception? innerException = null)
        : base(message, innerException) => Result = result;

    /// <summary>The failed command's output, when a command was involved.</summary>
    public ProcessResult? Result { get; }
}

/// <summary>Runs short-lived commands with a timeout and captured output.</summary>
public static class ProcessRunner
{
    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/> (no shell), stdin closed, and captures
    /// stdout and stderr. On timeout the command and its children are killed and an
    /// <see cref="ExternalProcessException"/> is thrown; likewise on a non-zero exit code unless disabled.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        ProcessRunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        options ??= new ProcessRunOptions();
        var args = arguments.ToList();
        var commandLine = FormatCommandLine(fileName, args);

        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = options.WorkingDirectory ?? string.Empty,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        ApplyEnvironment(startInfo, options.Environment);

        using var process = new Process { StartInfo = startInfo };
        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new ExternalProcessException($"Could not start `{commandLine}`: {ex.Message}", null, ex);
        }

        process.StandardInput.Close();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var pumps = Task.WhenAll(PumpAsync(process.StandardOutput, stdout), PumpAsync(process.StandardError, stderr));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await WaitQuietlyAsync(pumps, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            var partial = new ProcessResult(commandLine, -1, Snapshot(stdout), Snapshot(stderr), stopwatch.Elapsed);
            cancellationToken.ThrowIfCancellationRequested();
            throw new ExternalProcessException(
                Diagnostics.Describe($"`{commandLine}` timed out after {options.Timeout.TotalSeconds:0.#} s and was killed.", partial, options.LogFiles),
                partial);
        }

        // A daemon that inherited our pipes could keep them open: do not wait for it forever.
        await WaitQuietlyAsync(pumps, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        var result = new ProcessResult(commandLine, process.ExitCode, Snapshot(stdout), Snapshot(stderr), stopwatch.Elapsed);
        if (result.ExitCode != 0 && options.ThrowOnNonZeroExitCode)
        {
            throw new ExternalProcessException(
                Diagnostics.Describe($"`{commandLine}` failed with exit code {result.ExitCode}.", result, options.LogFiles),
                result);
        }

        return result;
    }

    /// <summary>Runs a command as <paramref name="user"/> (via <c>runuser -u USER --</c>) when this process is root, directly otherwise.</summary>
    public static Task<ProcessResult> RunAsUserWhenRootAsync(
        string user,
        string fileName,
        IEnumerable<string> arguments,
        ProcessRunOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Native.IsRoot
            ? RunAsync(File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "runuser", ["-u", user, "--", fileName, .. arguments], options, cancellationToken)
            : RunAsync(fileName, arguments, options, cancellationToken);

    internal static void ApplyEnvironment(ProcessStartInfo startInfo, IReadOnlyDictionary<string, string?>? environment)
    {
        if (environment is null)
        {
            return;
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(key);
            }
            else
            {
                startInfo.Environment[key] = value;
            }
        }
    }

    internal static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Best effort.
        }
    }

    internal static string FormatCommandLine(string fileName, IEnumerable<string> args) =>
        string.Join(' ', new[] { fileName }.Concat(args).Select(Quote));

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+{}".Contains(c))
            ? arg
            : "'" + arg.Replace("'", "'\\''") + "'";

    private static async Task PumpAsync(StreamReader reader, StringBuilder sink)
    {
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                lock (sink)
                {
                    sink.Append(buffer, 0, read);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The process was disposed while a daemon still held the pipe.
        }
    }

    private static string Snapshot(StringBuilder sink)
    {
        lock (sink)
        {
            return sink.ToString();
        }
    }

    private static async Task WaitQuietlyAsync(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }
}
