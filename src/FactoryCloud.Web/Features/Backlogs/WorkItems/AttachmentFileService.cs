using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Infrastructure.Files;
using FactoryCloud.Web.Features.Backlogs.Shared;
using FactoryCloud.Web.Features.Files;

namespace FactoryCloud.Web.Features.Backlogs.WorkItems;

/// <summary>A stored file and what it is, for download.</summary>
public sealed record AttachmentFile(AttachmentView Attachment, Stream Content);

/// <summary>
/// Files uploaded to a work item, received by <see cref="FileUploads"/> (type by content, size and storage quota
/// capped while streaming) under a key made of the row's tenant and id. The bytes are stored before the row: a failure
/// in between removes them again. Downloads find the row through the tenant's query filter, so another organisation's
/// attachment id answers 404. Deleting the row (or its work item, or its product) deletes the bytes
/// (<see cref="StoredFileCleanup"/>).
/// </summary>
public sealed class AttachmentFileService(IDbContextFactory<AppDbContext> contexts, BacklogActor actor, FileUploads uploads)
{
    public async Task<OperationResult<AttachmentView>> UploadAsync(Guid workItemId, string? fileName, Stream body, CancellationToken ct = default)
    {
        if (actor.CannotEdit() is { } refused) return refused;
        var named = FileUploads.Name(fileName, WorkItemAttachment.FileNameMaxLength);
        if (named.Failure is { } badName) return badName;

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.WorkItems.FirstOrDefaultAsync(w => w.Id == workItemId, ct) is not { } item) return Failure.NotFound("The work item");

        var attachment = new WorkItemAttachment
        {
            WorkItemId = item.Id, FileName = named.Value!, StorageKey = AttachmentLocation.StoredFile,
            UploadedBy = actor.UserId ?? Guid.Empty, UploadedAt = actor.Now, TenantId = item.TenantId,
        };
        var key = KeyOf(attachment);
        var stored = await uploads.StoreAsync(db, key, attachment.FileName, body, ct);
        if (stored.Failure is { } failure) return failure;
        (attachment.ContentType, attachment.SizeBytes) = (stored.Value!.Type.ContentType, stored.Value.SizeBytes);
        db.WorkItemAttachments.Add(attachment);
        WorkItemHistory.Add(db, item, actor, await actor.NameAsync(db, ct), "Attachment", null, attachment.FileName);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            await uploads.ForgetAsync(key);
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
        return await uploads.OpenAsync(KeyOf(attachment), ct) is { } content
            ? new AttachmentFile(attachment.ToView(), content)
            : Failure.NotFound("The attached file");
    }

    private static string KeyOf(WorkItemAttachment attachment) => FileKeys.For(attachment.TenantId, FileKeys.Attachments, attachment.Id);
}
