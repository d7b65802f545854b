using System.Globalization;

namespace FactoryCloud.Benchmarks;

/// <summary>
/// CPU time of this process's live descendants (the brokers and database it started), by command name, from
/// /proc/&lt;pid&gt;/stat: where the scaled-out path's CPU goes outside this process.
/// </summary>
internal static class DescendantCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Also counted: processes under these roots (PostgreSQL's postmaster, which pg_ctl detaches).</summary>
    public static List<int> ExtraRoots { get; } = [];

    public static Dictionary<string, double> Seconds()
    {
        var parents = new Dictionary<int, (int Parent, string Name, double Cpu)>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(entry, "stat"));
                // pid (comm) state ppid ... utime(14) stime(15): the name may hold spaces, so fields count from its ')'.
                var close = stat.LastIndexOf(')');
                var name = stat[(stat.IndexOf('(') + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                var cpu = (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
                parents[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture), name, cpu);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // gone meanwhile
            }
        }
        var result = new Dictionary<string, double>();
        foreach (var (pid, (_, name, cpu)) in parents)
        {
            var ancestor = pid;
            var depth = 0;
            while (parents.TryGetValue(ancestor, out var p) && p.Parent != 0 && depth++ < 64)
            {
                if (p.Parent == Environment.ProcessId || ExtraRoots.Contains(p.Parent) || (depth == 1 && ExtraRoots.Contains(ancestor)))
                {
                    var group = name.StartsWith("postgres", StringComparison.Ordinal) ? "postgres"
                        : name is "beam.smp" or "erl_child_setup" or "epmd" or "inet_gethost" ? "rabbitmq" : name;
                    result[group] = result.GetValueOrDefault(group) + cpu;
                    break;
                }
                ancestor = p.Parent;
            }
        }
        return result;
    }

    /// <summary>Milliseconds per 1,000 messages by process group between two readings, largest first.</summary>
    public static string PerThousand(Dictionary<string, double> before, Dictionary<string, double> after, int messages) =>
        string.Join(", ", after.Select(a => (a.Key, Ms: (a.Value - before.GetValueOrDefault(a.Key)) * 1_000_000 / messages))
            .Where(a => a.Ms >= 1).OrderByDescending(a => a.Ms).Select(a => $"{a.Key} {a.Ms:N0}"));
}
