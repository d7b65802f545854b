namespace FactoryCloud.Infrastructure.Files;

/// <summary>
/// Where uploaded files' bytes live: a folder beside the SQLite file on the embedded default
/// (<see cref="FolderFileStore"/>), Azure Blob Storage in the cloud (<see cref="BlobFileStore"/>). Keys come from
/// <see cref="FileKeys"/> only, built from the owning row's tenant and id, never from what a user typed.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what was there; nothing is left half-written.</summary>
    Task SaveAsync(string key, Stream content, CancellationToken ct);

    /// <summary>The stored bytes, or null when there are none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>Removes the bytes; a key with nothing stored is fine.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>
    /// Removes every file stored under the tenant's prefix (<see cref="FileKeys.TenantPrefix"/>), also ones no row names
    /// any more; returns how many. For purging a deleted organisation.
    /// </summary>
    Task<long> DeleteTenantAsync(Guid tenantId, CancellationToken ct);
}

/// <summary>Storage keys: <c>{tenant}/{kind}/{id}</c>, lower-case hex, so a key names its tenant and cannot climb out of a folder.</summary>
public static class FileKeys
{
    /// <summary>The kind of files uploaded to work items.</summary>
    public const string Attachments = "attachments";

    /// <summary>The kind of files uploaded as evidence for maturity answers.</summary>
    public const string Evidence = "evidence";

    /// <summary>The kind of files an organisation's data exports are kept as until they expire.</summary>
    public const string Exports = "exports";

    public static string For(Guid tenantId, string kind, Guid id) => $"{tenantId:N}/{kind}/{id:N}";

    /// <summary>What every key of the tenant starts with.</summary>
    public static string TenantPrefix(Guid tenantId) => $"{tenantId:N}/";
}
