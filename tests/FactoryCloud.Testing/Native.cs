using System.Runtime.InteropServices;

namespace FactoryCloud.Testing;

/// <summary>The few libc calls needed to manage processes that are not our direct children.</summary>
internal static partial class Native
{
    public const int SIGQUIT = 3;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    private static readonly Lazy<bool> s_isRoot = new(() => SysGetEffectiveUserId() == 0);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint SysGetEffectiveUserId();

    public static bool IsRoot => s_isRoot.Value;

    /// <summary>Sends <paramref name="signal"/> to a process (pid &gt; 0) or a process group (pid &lt; 0).</summary>
    public static bool Signal(int pid, int signal) => pid != 0 && pid != -1 && SysKill(pid, signal) == 0;

    /// <summary>True while the process exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0 || SysKill(pid, 0) != 0)
        {
            return false;
        }

        try
        {
            // /proc/<pid>/stat: "pid (comm) S ...": the state follows the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close < 0 || close + 2 >= stat.Length || (stat[close + 2] != 'Z' && stat[close + 2] != 'X');
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>Waits until <paramref name="pid"/> is gone (or a zombie); false on timeout.</summary>
    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        return true;
    }
}
