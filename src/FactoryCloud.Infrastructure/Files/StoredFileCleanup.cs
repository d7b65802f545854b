using System.Data.Common;
using System.Runtime.CompilerServices;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Maturity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
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
public sealed class StoredFileCleanup : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<string>> _uncommitted = new();
    private IFileStore? _store;
    private ILogger _logger = NullLogger.Instance;

    /// <summary>Set when the file store is created (<see cref="FileStoreSetup"/>); until then nothing is stored, so nothing needs deleting.</summary>
    public void Use(IFileStore store, ILogger logger)
    {
        _store = store;
        _logger = logger;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) await NoticeAsync(context, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context) NoticeAsync(context, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) await DeleteAsync(eventData.Context);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) DeleteAsync(eventData.Context).GetAwaiter().GetResult();
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => ForgetIfUncommitted(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetIfUncommitted(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => ForgetIfUncommitted(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetIfUncommitted(eventData.Context);
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        DeleteAsync(eventData.Context).GetAwaiter().GetResult();

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken) =>
        DeleteAsync(eventData.Context);

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>The keys of the stored files this save removes, directly or by cascade.</summary>
    private async ValueTask NoticeAsync(DbContext context, CancellationToken ct)
    {
        if (_store is null) return;
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
        if (keys is not null) _uncommitted.GetOrCreateValue(context).AddRange(keys);
    }

    private void ForgetIfUncommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null) Forget(context);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) _uncommitted.Remove(context);
    }

    private async Task DeleteAsync(DbContext? context)
    {
        if (context is null || _store is not { } store || !_uncommitted.TryGetValue(context, out var keys)) return;
        _uncommitted.Remove(context);
        foreach (var key in keys.Distinct())
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
