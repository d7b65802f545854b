namespace FactoryCloud.Testing;

/// <summary>
/// A fresh directory under <see cref="System.IO.Path.GetTempPath"/> (mode 0755, so a service user such as
/// postgres can reach it when the tests run as root), deleted recursively on dispose.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    private const UnixFileMode Mode0755 =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private int _disposed;

    private TempDirectory(string path) => Path = path;

    /// <summary>The absolute path of the directory.</summary>
    public string Path { get; }

    /// <summary>Creates <c>{TMP}/{prefix}-{random}</c>.</summary>
    public static TempDirectory Create(string prefix = "fctest")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(path, Mode0755);
        return new TempDirectory(path);
    }

    /// <summary><c>System.IO.Path.Combine(Path, parts...)</c>.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Deletes the directory and everything in it. Idempotent; retries briefly if files are still being written.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        DeleteRecursively(Path);
    }

    internal static void DeleteRecursively(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (Exception ex) when (attempt < 10 && ex is IOException or UnauthorizedAccessException)
            {
                // A process that is still shutting down may create a file while we delete.
                Thread.Sleep(50);
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => Path;
}
