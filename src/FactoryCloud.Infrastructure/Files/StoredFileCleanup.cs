using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Maturity;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactoryCloud.Infrastructure.Files;

/// <summary>
/// Deletes the stored bytes of uploaded files whose rows a save removes, so no bytes outlive their row: a file removed
/// on its own, and every file under a removed work item, product, maturity answer or assessment (the database cascades
/// those rows away without EF seeing them, so the files are looked up before the save). The bytes go once the save is
/// committed, never before: a save outside a transaction at once, one inside a transaction when that commits (a
/// rolled-back one deletes nothing). A failed delete is logged and leaves bytes without a row (harmless, only space);
/// the opposite, a row without its bytes, never happens.
/// <para>
/// Not seen: bulk deletes that bypass the change tracker (<c>ExecuteDelete</c>); whoever deletes rows holding files that
/// way deletes their bytes too (a tenant's purge removes its whole <c>{tenant}/</c> prefix).
/// </para>
/// </summary>
public sealed class StoredFileCleanup : AfterCommitInterceptor<string>
{
    private IFileStore? _store;
    private ILogger _logger = NullLogger.Instance;

    /// <summary>Set when the file store is created (<see cref="FileStoreSetup"/>); until then nothing is stored, so nothing needs deleting.</summary>
    public void Use(IFileStore store, ILogger logger)
    {
        _store = store;
        _logger = logger;
    }

    /// <summary>The keys of the stored files this save removes, directly or by cascade.</summary>
    protected override async ValueTask<IReadOnlyCollection<string>?> NoticeAsync(DbContext context, CancellationToken ct)
    {
        if (_store is null) return null;
        List<string>? keys = null;
        List<Guid>? items = null, products = null, answers = null, assessments = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Deleted) continue;
            switch (entry.Entity)
            {
                case WorkItemAttachment a when AttachmentLocation.IsStoredFile(a.StorageKey):
                    (keys ??= []).Add(FileKeys.For(a.TenantId, FileKeys.Attachments, a.Id));
                    break;
                case MaturityEvidenceFile f:
                    (keys ??= []).Add(FileKeys.For(f.TenantId, FileKeys.Evidence, f.Id));
                    break;
                case WorkItem w: (items ??= []).Add(w.Id); break;
                case Product p: (products ??= []).Add(p.Id); break;
                case MaturityAnswer a: (answers ??= []).Add(a.Id); break;
                case MaturityAssessment a: (assessments ??= []).Add(a.Id); break;
            }
        }
        if (items is not null || products is not null)
        {
            var attachments = context.Set<WorkItemAttachment>().AsNoTracking().Where(a => a.StorageKey == AttachmentLocation.StoredFile);
            var byItem = items is null ? [] : await attachments.Where(a => items.Contains(a.WorkItemId)).Select(a => new { a.TenantId, a.Id }).ToListAsync(ct);
            var byProduct = products is null ? [] : await attachments
                .Where(a => context.Set<WorkItem>().Any(w => w.Id == a.WorkItemId && products.Contains(w.ProductId)))
                .Select(a => new { a.TenantId, a.Id }).ToListAsync(ct);
            (keys ??= []).AddRange(byItem.Concat(byProduct).Select(a => FileKeys.For(a.TenantId, FileKeys.Attachments, a.Id)));
        }
        if (answers is not null || assessments is not null)
        {
            var files = context.Set<MaturityEvidenceFile>().AsNoTracking();
            var byAnswer = answers is null ? [] : await files.Where(f => answers.Contains(f.AnswerId)).Select(f => new { f.TenantId, f.Id }).ToListAsync(ct);
            var byAssessment = assessments is null ? [] : await files
                .Where(f => context.Set<MaturityAnswer>().Any(a => a.Id == f.AnswerId && assessments.Contains(a.AssessmentId)))
                .Select(f => new { f.TenantId, f.Id }).ToListAsync(ct);
            (keys ??= []).AddRange(byAnswer.Concat(byAssessment).Select(f => FileKeys.For(f.TenantId, FileKeys.Evidence, f.Id)));
        }
        return keys;
    }

    protected override async Task CommittedAsync(IReadOnlyCollection<string> notices)
    {
        if (_store is not { } store) return;
        foreach (var key in notices)
        {
            try
            {
                await store.DeleteAsync(key, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Azure.RequestFailedException)
            {
                _logger.LogWarning(e, "The stored file {Key} outlives its deleted row: deleting its bytes failed.", key);
            }
        }
    }
}
