using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FactoryCloud.Benchmarks.Ingestion;

/// <summary>One <c>mosquitto_pub -l</c> publisher (a client we did not write): a file of payloads, one per line, QoS 1.</summary>
internal sealed record MosquittoPub(string Topic, string PayloadFile, DeviceCredentials? Credentials = null)
{
    /// <summary>Writes <paramref name="count"/> count payloads (~200 bytes, good = 1, unique seq) to a file.</summary>
    public static string WritePayloads(string directory, string name, int count, long firstSeq, DateTimeOffset firstTs)
    {
        var path = Path.Combine(directory, name + ".lines");
        var text = new StringBuilder(count * 210);
        var note = new string('x', 120);
        for (var i = 0; i < count; i++)
        {
            var ts = firstTs.AddMilliseconds(i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{{\"ts\":\"{ts}\",\"seq\":{firstSeq + i},\"good\":1,\"scrap\":0,\"note\":\"{note}\"}}\n");
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>Starts every publisher at once and waits until each has sent its file and seen every PUBACK (mosquitto_pub exits 0).</summary>
    public static async Task<TimeSpan> RunAllAsync(string host, int port, IReadOnlyList<MosquittoPub> publishers, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        var processes = publishers.Select((p, i) => p.Start(host, port, i)).ToList();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            foreach (var process in processes) await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            foreach (var process in processes) if (!process.HasExited) process.Kill();
            throw new TimeoutException($"mosquitto_pub did not finish within {timeout}.");
        }
        var elapsed = stopwatch.Elapsed;
        foreach (var process in processes)
        {
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"mosquitto_pub exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
            process.Dispose();
        }
        return elapsed;
    }

    private Process Start(string host, int port, int index)
    {
        var arguments = new List<string> { "-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "-q", "1", "-t", Topic, "-l" };
        if (Credentials is { } c) arguments.AddRange(["-i", c.ClientId, "-u", c.Username, "-P", c.Password]);
        else arguments.AddRange(["-i", $"bench-pub-{index}"]);
        var shell = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardError = true };
        shell.ArgumentList.Add("-c");
        shell.ArgumentList.Add("exec mosquitto_pub \"$@\" < \"$0\"");
        shell.ArgumentList.Add(PayloadFile);
        foreach (var argument in arguments) shell.ArgumentList.Add(argument);
        return Process.Start(shell)!;
    }
}
