using System.Globalization;
using System.Text;

namespace FactoryCloud.Testing;

/// <summary>Looks processes up in /proc, e.g. to prove that a service left nothing behind.</summary>
public static class ProcessTable
{
    /// <summary>
    /// Live (non-zombie) processes whose environment contains <c>NAME=VALUE</c> exactly. The services give their
    /// processes unique values (e.g. RABBITMQ_NODENAME=fctest-…@localhost), so this finds exactly one service's
    /// processes, children included. Processes whose environment cannot be read (other users, when not root) are skipped.
    /// </summary>
    public static IReadOnlyList<(int Pid, string Command)> FindByEnvironmentVariable(string name, string value)
    {
        var needle = Encoding.UTF8.GetBytes($"{name}={value}\0");
        var found = new List<(int, string)>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var environ = File.ReadAllBytes(Path.Combine(entry, "environ"));
                if (ContainsEntry(environ, needle) && Native.IsAlive(pid))
                {
                    var command = File.ReadAllText(Path.Combine(entry, "cmdline")).Replace('\0', ' ').Trim();
                    found.Add((pid, command));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return found;
    }

    private static bool ContainsEntry(ReadOnlySpan<byte> environ, ReadOnlySpan<byte> needle)
    {
        // Entries are NUL-separated: match at the start or right after a NUL.
        var offset = 0;
        while (offset < environ.Length)
        {
            var index = environ[offset..].IndexOf(needle);
            if (index < 0)
            {
                return false;
            }

            var absolute = offset + index;
            if (absolute == 0 || environ[absolute - 1] == 0)
            {
                return true;
            }

            offset = absolute + 1;
        }

        return false;
    }
}
