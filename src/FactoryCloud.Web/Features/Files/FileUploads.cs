using FactoryCloud.Domain.Files;
using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Infrastructure.Files;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Features.Lifecycle;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FactoryCloud.Web.Features.Files;

/// <summary>What an upload turned out to be once stored.</summary>
public sealed record StoredUpload(FileType Type, long SizeBytes);

/// <summary>
/// The one way an uploaded file is received, for every kind of row that holds files (work-item attachments, maturity
/// evidence): the name is checked, the type is decided by the content (<see cref="FileTypes"/>), the size is capped while
/// the bytes stream through by the smaller of <see cref="FileStoreOptions.MaxBytes"/> (413) and the room left in the
/// plan's storage quota (409 <c>urn:factorycloud:quota-exceeded:storageBytes</c>), and the bytes go to
/// <see cref="IFileStore"/> under the caller's key; the quota is checked again with the exact size under the tenant's
/// quota lock, which the caller's save of the row releases. The caller stores the bytes before its row, and calls
/// <see cref="ForgetAsync"/> when the row could not be saved: so a row never lacks its bytes.
/// </summary>
public sealed class FileUploads(IFileStore files, FileStoreOptions options, QuotaGuard quotas)
{
    public long MaxBytes => options.MaxBytes;

    /// <summary>The file's own name (no folders); a failure when it is empty, too long or has control characters.</summary>
    public static OperationResult<string> Name(string? fileName, int maxLength)
    {
        var name = Path.GetFileName(fileName?.Trim() ?? "");
        if (name.Length == 0) return Failure.Invalid("name", "Give the file's name.");
        if (name.Length > maxLength || name.Any(char.IsControl))
            return Failure.Invalid("name", $"A file name has at most {maxLength} characters and no control characters.");
        return name;
    }

    /// <summary>Reads, types, bounds and stores <paramref name="body"/> under <paramref name="key"/>; on failure nothing is kept.</summary>
    /// <param name="db">A context of the uploading tenant (the storage quota is read on it).</param>
    public async Task<OperationResult<StoredUpload>> StoreAsync(AppDbContext db, string key, string name, Stream body, CancellationToken ct)
    {
        var head = new byte[FileTypes.HeadLength];
        var headLength = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (headLength == 0) return Failure.Invalid("file", "The file is empty.");
        if (FileTypes.Sniff(head.AsSpan(0, headLength), name) is not { } type)
            return new Failure(FailureKind.UnsupportedType, $"This kind of file cannot be attached. Attach a {FileTypes.Allowed} file.");

        var storage = await quotas.UsageAsync(db, Quota.StorageBytes, ct);
        var room = storage.Limit is { } limit ? limit - storage.Used : long.MaxValue;
        if (room < headLength) return StorageFull(storage);
        var bound = Math.Min(options.MaxBytes, room);
        await using var content = new BoundedStream(new MemoryStream(head, 0, headLength), body, bound);
        try
        {
            await files.SaveAsync(key, content, ct);
        }
        catch (FileTooLargeException)
        {
            return bound < options.MaxBytes ? StorageFull(storage) : new Failure(FailureKind.TooLarge, $"A file may be at most {FileSizeText.Of(options.MaxBytes)}.");
        }
        // The room above was read without the tenant's quota lock, so a long upload does not stall the tenant's other
        // adds. The final check, with the exact size, takes the lock on db and the caller's next save there (the file's
        // row) releases it: concurrent uploads cannot together overshoot the quota.
        if (storage.Limit is not null && await quotas.CheckAsync(db, Quota.StorageBytes, content.Length, ct) is not null)
        {
            await ForgetAsync(key);
            return StorageFull(await quotas.UsageAsync(db, Quota.StorageBytes, ct));
        }
        return new StoredUpload(type, content.Length);
    }

    /// <summary>Removes bytes stored by <see cref="StoreAsync"/> whose row could not be saved.</summary>
    public Task ForgetAsync(string key) => files.DeleteAsync(key, CancellationToken.None);

    /// <summary>The stored bytes, or null when there are none.</summary>
    public Task<Stream?> OpenAsync(string key, CancellationToken ct) => files.OpenReadAsync(key, ct);

    private static Failure StorageFull(QuotaGuard.Usage storage) =>
        QuotaGuard.Exceeded(Quota.StorageBytes, storage.Plan, storage.Limit!.Value, storage.Used,
            $"Quota exceeded: this file does not fit in the organisation's storage. The {storage.Plan} plan allows "
            + $"{FileSizeText.Of(storage.Limit.Value)} of stored data (raw telemetry and uploaded files) and {FileSizeText.Of(storage.Used)} is in use. "
            + "Delete files, shorten the data retention or ask for a larger plan.");
}

public static class FileUploadsSetup
{
    /// <summary>Registers <see cref="FileUploads"/> (needs the file store and the quota guard registered).</summary>
    public static IServiceCollection AddFileUploads(this IServiceCollection services)
    {
        services.TryAddSingleton<FileUploads>();
        return services;
    }
}
