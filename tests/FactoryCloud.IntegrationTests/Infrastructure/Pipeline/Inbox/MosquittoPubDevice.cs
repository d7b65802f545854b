using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FactoryCloud.IntegrationTests.Infrastructure.Pipeline.Inbox;

/// <summary>
/// One device streaming count messages with <c>mosquitto_pub -l -q 1 -d -V 5</c> (Debian's mosquitto-clients, a client
/// we did not write): line N of its stdin is message id N of the run, and <c>-d</c> prints each
/// <c>received PUBACK (Mid: N, RC:R)</c>, so the seq of every acknowledged message is known. Message k of the device
/// has <c>seq</c> k. When mosquitto_pub exits before every message is acknowledged (the broker went away), it runs
/// again once the broker is back, from the first unacknowledged message on, as a device would resend.
/// </summary>
public sealed partial class MosquittoPubDevice
{
    private readonly string _directory;
    private readonly IReadOnlyList<string> _arguments;
    private readonly bool[] _acked;
    private readonly List<string> _refused = [];
    private readonly StringBuilder _log = new();
    private readonly Action _onAck;
    private int _ackedCount;

    /// <param name="onAck">Called for every newly acknowledged message (from mosquitto_pub's output thread).</param>
    public MosquittoPubDevice(string name, string host, int port, string clientId, string username, string password, string topic,
        IReadOnlyList<string> payloads, string directory, Action onAck)
    {
        if (payloads.Count >= ushort.MaxValue) throw new ArgumentOutOfRangeException(nameof(payloads), "Message ids would wrap around.");
        Name = name;
        Payloads = payloads;
        _directory = directory;
        _onAck = onAck;
        _acked = new bool[payloads.Count];
        _arguments = ["-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "-V", "5", "-q", "1", "-d", "-l",
            "-t", topic, "-i", clientId, "-u", username, "-P", password];
    }

    public string Name { get; }

    /// <summary>Message k (seq k) is <c>Payloads[k - 1]</c>.</summary>
    public IReadOnlyList<string> Payloads { get; }

    /// <summary>How many times mosquitto_pub was started.</summary>
    public int Runs { get; private set; }

    /// <summary>The seqs acknowledged with a success reason code so far.</summary>
    public IReadOnlyList<int> AckedSeqs()
    {
        lock (_acked) return Enumerable.Range(1, _acked.Length).Where(seq => _acked[seq - 1]).ToList();
    }

    public bool AllAcked => Volatile.Read(ref _ackedCount) == _acked.Length;

    /// <summary>PUBACKs with a failure reason code (the broker refused the message): none is expected.</summary>
    public IReadOnlyList<string> Refused()
    {
        lock (_acked) return _refused.ToList();
    }

    public string Log()
    {
        lock (_log) return _log.ToString();
    }

    /// <summary>Count payloads with seq 1..<paramref name="count"/>, one good part each, 10 ms apart from <paramref name="firstTs"/>.</summary>
    public static List<string> CountPayloads(int count, DateTimeOffset firstTs) =>
        Enumerable.Range(1, count).Select(seq =>
        {
            var ts = firstTs.AddMilliseconds(10 * (seq - 1)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture, $"{{\"ts\":\"{ts}\",\"seq\":{seq},\"good\":1,\"scrap\":0}}");
        }).ToList();

    /// <summary>
    /// Publishes until every message is acknowledged. <paramref name="brokerUp"/> gives the task to await before
    /// running mosquitto_pub again after it exited early.
    /// </summary>
    public async Task PublishAllAsync(Func<Task> brokerUp, CancellationToken ct)
    {
        while (!AllAcked)
        {
            if (Runs == 10) throw new InvalidOperationException($"{Name}: mosquitto_pub ran {Runs} times without every message acknowledged:\n{Tail()}");
            var first = FirstUnacked();
            await RunAsync(first, ct);
            if (!AllAcked) await brokerUp().WaitAsync(ct);
        }
    }

    private int FirstUnacked()
    {
        lock (_acked) return Array.IndexOf(_acked, false) + 1;
    }

    /// <summary>One mosquitto_pub run publishing seq <paramref name="firstSeq"/> on (message id N is seq firstSeq + N - 1).</summary>
    private async Task RunAsync(int firstSeq, CancellationToken ct)
    {
        Runs++;
        var file = Path.Combine(_directory, $"{Name}.run{Runs}.lines");
        await File.WriteAllLinesAsync(file, Payloads.Skip(firstSeq - 1), ct);
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec mosquitto_pub \"$@\" < \"$0\"");
        start.ArgumentList.Add(file);
        foreach (var argument in _arguments) start.ArgumentList.Add(argument);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Read(e.Data, firstSeq);
        process.ErrorDataReceived += (_, e) => Read(e.Data, firstSeq);
        Append($"==== run {Runs} from seq {firstSeq}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
        process.WaitForExit(); // every output line has been read
        Append($"==== run {Runs} exited with {process.ExitCode}");
    }

    private void Read(string? line, int firstSeq)
    {
        if (line is null) return;
        var match = PubAck().Match(line);
        if (!match.Success)
        {
            if (!line.Contains("sending PUBLISH", StringComparison.Ordinal)) Append(line);
            return;
        }
        var seq = firstSeq + int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) - 1;
        var reason = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var isNew = false;
        lock (_acked)
        {
            if (reason >= 0x80) _refused.Add($"seq {seq}: {line}");
            else if (!_acked[seq - 1])
            {
                _acked[seq - 1] = true;
                Interlocked.Increment(ref _ackedCount);
                isNew = true;
            }
        }
        if (isNew) _onAck();
    }

    private void Append(string line)
    {
        lock (_log) _log.AppendLine(line);
    }

    public string Tail(int lines = 30) => string.Join('\n', Log().Split('\n').TakeLast(lines));

    [GeneratedRegex(@"received PUBACK \(Mid: (\d+), RC:(\d+)\)")]
    private static partial Regex PubAck();
}
