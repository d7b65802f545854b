using System.Net;
using System.Net.Sockets;

namespace FactoryCloud.Testing.Tests;

public sealed class HelperTests
{
    [Fact]
    public async Task ProcessRunner_NonZeroExit_ThrowsWithCommandStdoutStderrAndLogTail()
    {
        using var directory = TempDirectory.Create();
        var log = directory.Combine("service.log");
        await File.WriteAllTextAsync(log, "first line\nFATAL: the interesting last line\n", TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<ExternalProcessException>(() => ProcessRunner.RunAsync(
            "/bin/sh",
            ["-c", "echo to-stdout; echo to-stderr >&2; exit 3"],
            new ProcessRunOptions { LogFiles = [log] },
            TestContext.Current.CancellationToken));

        Assert.Equal(3, ex.Result?.ExitCode);
        Assert.Contains("exit code 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("to-stdout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("to-stderr", ex.Message, StringComparison.Ordinal);
        Assert.Contains("FATAL: the interesting last line", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessRunner_Timeout_KillsTheCommandAndReportsPartialOutput()
    {
        var started = DateTime.UtcNow;

        var ex = await Assert.ThrowsAsync<ExternalProcessException>(() => ProcessRunner.RunAsync(
            "/bin/sh",
            ["-c", "echo before-sleep; exec sleep 30"],
            new ProcessRunOptions { Timeout = TimeSpan.FromMilliseconds(500) },
            TestContext.Current.CancellationToken));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
        Assert.Contains("before-sleep", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessRunner_Success_CapturesOutputAndEnvironment()
    {
        var result = await ProcessRunner.RunAsync(
            "/bin/sh",
            ["-c", "echo \"$FCTEST_GREETING\""],
            new ProcessRunOptions { Environment = new Dictionary<string, string?> { ["FCTEST_GREETING"] = "hello" } },
            TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hello", result.StandardOutput.Trim());
    }

    [Fact]
    public void FreePort_Next_ReturnsDistinctPortsThatCanBeBound()
    {
        var ports = Enumerable.Range(0, 20).Select(_ => FreePort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        using var listener = new TcpListener(IPAddress.Loopback, ports[0]);
        listener.Start();
        Assert.True(FreePort.IsAcceptingConnections(ports[0]));
    }

    [Fact]
    public void TempDirectory_Dispose_DeletesTheWholeTreeAndIsIdempotent()
    {
        var directory = TempDirectory.Create("fctest-helper");
        Directory.CreateDirectory(directory.Combine("a", "b"));
        File.WriteAllText(directory.Combine("a", "b", "file.txt"), "x");

        Assert.StartsWith(Path.GetTempPath(), directory.Path, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.OtherExecute, File.GetUnixFileMode(directory.Path) & UnixFileMode.OtherExecute);

        directory.Dispose();
        directory.Dispose();
        Assert.False(Directory.Exists(directory.Path));
    }
}
