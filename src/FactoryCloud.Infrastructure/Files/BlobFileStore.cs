using Azure;
using Azure.Storage.Blobs;

namespace FactoryCloud.Infrastructure.Files;

/// <summary>Files as block blobs in one container of Azure Blob Storage (managed identity in Azure, Azurite in tests).</summary>
public sealed class BlobFileStore(BlobContainerClient container) : IFileStore
{
    private int _created;

    public async Task SaveAsync(string key, Stream content, CancellationToken ct)
    {
        await EnsureContainerAsync(ct);
        // One upload call: the blob appears when its block list is committed, so a reader never sees a part.
        await container.GetBlobClient(key).UploadAsync(content, overwrite: true, ct);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        try
        {
            return (await container.GetBlobClient(key).DownloadStreamingAsync(cancellationToken: ct)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        try
        {
            await container.GetBlobClient(key).DeleteIfExistsAsync(cancellationToken: ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // the container does not exist yet: nothing to delete
        }
    }

    public async Task<long> DeleteTenantAsync(Guid tenantId, CancellationToken ct)
    {
        long deleted = 0;
        try
        {
            await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = FileKeys.TenantPrefix(tenantId) }, ct))
                if ((await container.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: ct)).Value) deleted++;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // the container does not exist yet: nothing to delete
        }
        return deleted;
    }

    private async Task EnsureContainerAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _created) == 1) return;
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        Volatile.Write(ref _created, 1);
    }
}
