using FactoryCloud.Infrastructure.Configuration;

namespace FactoryCloud.Infrastructure.Files;

public enum FileStoreKind
{
    /// <summary>A folder on this machine (the embedded default).</summary>
    Folder,

    /// <summary>A container in Azure Blob Storage.</summary>
    AzureBlob,
}

/// <summary>The <c>Files</c> settings: where uploaded files go and how large one may be.</summary>
public sealed class FileStoreOptions
{
    public const string Section = "Files";

    public FileStoreKind Kind { get; set; } = FileStoreKind.Folder;

    /// <summary>With <see cref="FileStoreKind.Folder"/>: the folder (default: <c>files</c> beside the SQLite file, else <c>App_Data/files</c>).</summary>
    public string? Path { get; set; }

    /// <summary>With <see cref="FileStoreKind.AzureBlob"/>: the account's blob endpoint, reached with the app's managed identity.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>With <see cref="FileStoreKind.AzureBlob"/> instead of <see cref="BlobServiceUri"/>: a connection string (Azurite, or an account key).</summary>
    public string? BlobConnectionString { get; set; }

    public string Container { get; set; } = "attachments";

    /// <summary>The largest file accepted, in bytes (default 10 MiB).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    public void Validate()
    {
        if (MaxBytes is < 1 or > 1024L * 1024 * 1024) throw new InvalidSettingException("Files:MaxBytes must be between 1 and 1073741824 (1 GiB).");
        if (Kind == FileStoreKind.AzureBlob && BlobServiceUri is null && string.IsNullOrWhiteSpace(BlobConnectionString))
            throw new InvalidSettingException("Files:Kind is AzureBlob: set Files:BlobServiceUri (managed identity) or Files:BlobConnectionString.");
    }
}
