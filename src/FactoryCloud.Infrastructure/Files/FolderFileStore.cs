namespace FactoryCloud.Infrastructure.Files;

/// <summary>
/// Files in a folder (the embedded default: <c>App_Data/files</c> beside the SQLite file). A file is written to a
/// temporary name and renamed into place, so a crash leaves either the old bytes or the new ones, never a part.
/// </summary>
public sealed class FolderFileStore(string root) : IFileStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task SaveAsync(string key, Stream content, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.part";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, ct);
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null); // never stored, or deleted meanwhile
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        if (File.Exists(path)) File.Delete(path);
        return Task.CompletedTask;
    }

    public Task<long> DeleteTenantAsync(Guid tenantId, CancellationToken ct)
    {
        var folder = Path.Combine(Root, tenantId.ToString("N"));
        if (!Directory.Exists(folder)) return Task.FromResult(0L);
        long files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).LongCount(f => !f.EndsWith(".part", StringComparison.Ordinal));
        Directory.Delete(folder, recursive: true);
        return Task.FromResult(files);
    }

    /// <summary>Only keys shaped like <see cref="FileKeys"/>'s (relative, lower-case letters, digits and single slashes) map to a path, and only inside the root.</summary>
    private string PathOf(string key)
    {
        if (key.Length == 0 || key[0] == '/' || key[^1] == '/' || key.Contains("//", StringComparison.Ordinal)
            || key.Any(c => c is not (>= 'a' and <= 'z') and not (>= '0' and <= '9') and not '/'))
            throw new ArgumentException($"'{key}' is not a file key (see FileKeys).", nameof(key));
        var path = Path.GetFullPath(Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"'{key}' is not a file key (see FileKeys).", nameof(key));
        return path;
    }
}
