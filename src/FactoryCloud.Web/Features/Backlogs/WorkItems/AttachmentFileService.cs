using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Files;
using FactoryCloud.Infrastructure.Files;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Web.Common;
using FactoryCloud.Web.Features.Backlogs.Shared;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.Web.Features.Backlogs.WorkItems;

/// <summary>A stored file and what it is, for download.</summary>
public sealed record AttachmentFile(AttachmentView Attachment, Stream Content);

/// <summary>
/// Files uploaded to a work item: the type is decided by the content (<see cref="FileTypes"/>), the size is capped by
/// <see cref="FileStoreOptions.MaxBytes"/> while the bytes stream through, and the bytes go to <see cref="IFileStore"/>
/// under a key made of the row's tenant and id. The bytes are stored before the row: a failure in between leaves an
/// unreferenced file, never a row without its file. Downloads find the row through the tenant's query filter, so
/// another organisation's attachment id answers 404.
/// </summary>
public sealed class AttachmentFileService(IDbContextFactory<AppDbContext> contexts, BacklogActor actor, IFileStore files, FileStoreOptions options)
{
    public const string StorageKind = "attachments";

    public async Task<OperationResult<AttachmentView>> UploadAsync(Guid workItemId, string? fileName, Stream body, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        var name = Path.GetFileName(fileName?.Trim() ?? "");
        if (name.Length == 0) return Failure.Invalid("name", "Give the file's name.");
        if (name.Length > WorkItemAttachment.FileNameMaxLength || name.Any(char.IsControl))
            return Failure.Invalid("name", $"A file name has at most {WorkItemAttachment.FileNameMaxLength} characters and no control characters.");

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.WorkItems.FirstOrDefaultAsync(w => w.Id == workItemId, ct) is not { } item) return Failure.NotFound("The work item");

        var head = new byte[FileTypes.HeadLength];
        var headLength = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (headLength == 0) return Failure.Invalid("file", "The file is empty.");
        if (FileTypes.Sniff(head.AsSpan(0, headLength), name) is not { } type)
            return new Failure(FailureKind.UnsupportedType, $"This kind of file cannot be attached. Attach a {FileTypes.Allowed} file.");

        var attachment = new WorkItemAttachment
        {
            WorkItemId = item.Id, FileName = name, ContentType = type.ContentType, StorageKey = AttachmentLocation.StoredFile,
            UploadedBy = actor.UserId ?? Guid.Empty, UploadedAt = actor.Now, TenantId = item.TenantId,
        };
        var key = KeyOf(attachment);
        await using (var content = new BoundedStream(new MemoryStream(head, 0, headLength), body, options.MaxBytes))
        {
            try
            {
                await files.SaveAsync(key, content, ct);
            }
            catch (FileTooLargeException)
            {
                return new Failure(FailureKind.TooLarge, $"A file may be at most {FileSizeText.Of(options.MaxBytes)}.");
            }
            attachment.SizeBytes = content.Length;
        }
        db.WorkItemAttachments.Add(attachment);
        WorkItemHistory.Add(db, item, actor, await actor.NameAsync(db, ct), "Attachment", null, attachment.FileName);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            await files.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        return attachment.ToView();
    }

    public async Task<OperationResult<AttachmentFile>> OpenAsync(Guid attachmentId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.WorkItemAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId, ct) is not { } attachment
            || !AttachmentLocation.IsStoredFile(attachment.StorageKey))
            return Failure.NotFound("The attached file");
        return await files.OpenReadAsync(KeyOf(attachment), ct) is { } content
            ? new AttachmentFile(attachment.ToView(), content)
            : Failure.NotFound("The attached file");
    }

    /// <summary>Removes the bytes of a stored attachment whose row is gone.</summary>
    public Task DeleteFileAsync(WorkItemAttachment attachment, CancellationToken ct) =>
        AttachmentLocation.IsStoredFile(attachment.StorageKey) ? files.DeleteAsync(KeyOf(attachment), ct) : Task.CompletedTask;

    private static string KeyOf(WorkItemAttachment attachment) => FileKeys.For(attachment.TenantId, StorageKind, attachment.Id);
}
