using System.Diagnostics;
using System.Globalization;

namespace FactoryCloud.Benchmarks.Ingestion;

/// <summary>
/// <c>mosquitto_sub -q 1 -C N</c>: a QoS 1 subscriber we did not write, which exits once it has received N messages.
/// Its debug output is read only up to the SUBACK (so the publishers start after it is subscribed); the rest is
/// discarded by the shell (line-buffered by stdbuf, or the SUBACK line would wait in its buffer).
/// </summary>
internal sealed class MosquittoSub : IDisposable
{
    private readonly Process _process;

    private MosquittoSub(Process process)
    {
        _process = process;
        Subscribed = Task.Run(async () =>
        {
            var line = await process.StandardOutput.ReadLineAsync();
            if (line is null || !line.Contains("SUBACK", StringComparison.Ordinal))
                throw new InvalidOperationException($"mosquitto_sub did not subscribe: {line} {await process.StandardError.ReadToEndAsync()}");
        });
    }

    public Task Subscribed { get; }

    public static MosquittoSub Start(string host, int port, string topic, int count)
    {
        var shell = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        shell.ArgumentList.Add("-c");
        shell.ArgumentList.Add("stdbuf -oL mosquitto_sub -d -q 1 -i bench-sub -h \"$0\" -p \"$1\" -t \"$2\" -C \"$3\" | { grep -m1 SUBACK; cat >/dev/null; }");
        foreach (var argument in (string[])[host, port.ToString(CultureInfo.InvariantCulture), topic, count.ToString(CultureInfo.InvariantCulture)])
            shell.ArgumentList.Add(argument);
        return new MosquittoSub(Process.Start(shell)!);
    }

    public async Task AllReceivedAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        if (_process.ExitCode != 0) throw new InvalidOperationException($"mosquitto_sub exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
