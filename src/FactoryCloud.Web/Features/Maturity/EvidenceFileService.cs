using FactoryCloud.Domain.Maturity;
using FactoryCloud.Infrastructure.Files;
using FactoryCloud.Web.Features.Files;

namespace FactoryCloud.Web.Features.Maturity;

/// <summary>A file uploaded as evidence for an answer, as lists show it.</summary>
public sealed record EvidenceFileView(Guid Id, string DimensionKey, string FileName, string ContentType, long SizeBytes, Guid UploadedBy, DateTimeOffset UploadedAt);

/// <summary>A stored evidence file and what it is, for download.</summary>
public sealed record EvidenceFileContent(EvidenceFileView File, Stream Content);

/// <summary>
/// Files uploaded as evidence for one dimension's answer of an assessment (beside the answer's evidence links). Received
/// like work-item attachments (<see cref="FileUploads"/>: type by content, size and storage quota, never served
/// inline), under a key made of the row's tenant and id. Any member reads them; assessors add and remove them while the
/// assessment is not approved. Uploading to a dimension not yet answered creates its (unanswered) answer. Deleting the
/// file, or its answer's assessment, deletes the bytes (<see cref="StoredFileCleanup"/>).
/// </summary>
public sealed class EvidenceFileService(IDbContextFactory<AppDbContext> contexts, CurrentTenant current, FileUploads uploads, TimeProvider clock)
{
    public async Task<OperationResult<IReadOnlyList<EvidenceFileView>>> ListAsync(Guid assessmentId, string? dimensionKey = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.MaturityAssessments.AnyAsync(a => a.Id == assessmentId, ct)) return Failure.NotFound("The assessment");
        var rows = await (from f in db.MaturityEvidenceFiles
                          join a in db.MaturityAnswers on f.AnswerId equals a.Id
                          where a.AssessmentId == assessmentId && (dimensionKey == null || a.DimensionKey == dimensionKey)
                          orderby f.UploadedAt
                          select new { f, a.DimensionKey }).AsNoTracking().ToListAsync(ct);
        return rows.Select(r => View(r.f, r.DimensionKey)).ToList();
    }

    public async Task<OperationResult<EvidenceFileView>> UploadAsync(Guid assessmentId, string dimensionKey, string? fileName, Stream body, CancellationToken ct = default)
    {
        if (!current.Role.CanAssess()) return MaturityRoles.CannotAssess;
        var named = FileUploads.Name(fileName, MaturityEvidenceFile.FileNameMaxLength);
        if (named.Failure is { } badName) return badName;

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.MaturityAssessments.FirstOrDefaultAsync(a => a.Id == assessmentId, ct) is not { } assessment) return Failure.NotFound("The assessment");
        if (assessment.IsReadOnly) return Failure.Conflict("An approved assessment is read-only.");
        var model = await db.MaturityModelVersions.AsNoTracking().SingleAsync(v => v.Id == assessment.ModelVersionId, ct);
        if (model.Definition.Find(dimensionKey) is null) return Failure.NotFound("The dimension");
        var answer = await db.MaturityAnswers.FirstOrDefaultAsync(a => a.AssessmentId == assessmentId && a.DimensionKey == dimensionKey, ct);
        if (answer is not null && await db.MaturityEvidenceFiles.CountAsync(f => f.AnswerId == answer.Id, ct) >= MaturityEvidenceFile.MaxPerAnswer)
            return Failure.Invalid("file", $"An answer holds at most {MaturityEvidenceFile.MaxPerAnswer} evidence files. Remove one first.");

        var now = clock.GetUtcNow();
        if (answer is null) db.MaturityAnswers.Add(answer = new MaturityAnswer { AssessmentId = assessmentId, DimensionKey = dimensionKey, UpdatedAt = now, TenantId = assessment.TenantId });
        var file = new MaturityEvidenceFile
        {
            AnswerId = answer.Id, FileName = named.Value!, UploadedBy = current.UserId ?? Guid.Empty, UploadedAt = now, TenantId = assessment.TenantId,
        };
        var key = KeyOf(file);
        var stored = await uploads.StoreAsync(db, key, file.FileName, body, ct);
        if (stored.Failure is { } failure) return failure;
        (file.ContentType, file.SizeBytes) = (stored.Value!.Type.ContentType, stored.Value.SizeBytes);
        db.MaturityEvidenceFiles.Add(file);
        assessment.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await uploads.ForgetAsync(key);
            return Failure.Conflict("This dimension was answered at the same time elsewhere. Reload and try again.");
        }
        catch
        {
            await uploads.ForgetAsync(key);
            throw;
        }
        return View(file, dimensionKey);
    }

    public async Task<OperationResult<EvidenceFileContent>> OpenAsync(Guid fileId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await (from f in db.MaturityEvidenceFiles
                           join a in db.MaturityAnswers on f.AnswerId equals a.Id
                           where f.Id == fileId
                           select new { f, a.DimensionKey }).AsNoTracking().FirstOrDefaultAsync(ct);
        if (found is null) return Failure.NotFound("The evidence file");
        return await uploads.OpenAsync(KeyOf(found.f), ct) is { } content
            ? new EvidenceFileContent(View(found.f, found.DimensionKey), content)
            : Failure.NotFound("The evidence file");
    }

    public async Task<OperationResult> DeleteAsync(Guid fileId, CancellationToken ct = default)
    {
        if (!current.Role.CanAssess()) return MaturityRoles.CannotAssess;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.MaturityEvidenceFiles.FirstOrDefaultAsync(f => f.Id == fileId, ct) is not { } file) return Failure.NotFound("The evidence file");
        var assessment = await (from a in db.MaturityAnswers
                                join s in db.MaturityAssessments on a.AssessmentId equals s.Id
                                where a.Id == file.AnswerId
                                select s).FirstAsync(ct);
        if (assessment.IsReadOnly) return Failure.Conflict("An approved assessment is read-only.");
        db.MaturityEvidenceFiles.Remove(file);
        assessment.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct); // the stored bytes go with the row (StoredFileCleanup)
        return OperationResult.Success;
    }

    private static EvidenceFileView View(MaturityEvidenceFile f, string dimensionKey) =>
        new(f.Id, dimensionKey, f.FileName, f.ContentType, f.SizeBytes, f.UploadedBy, f.UploadedAt);

    private static string KeyOf(MaturityEvidenceFile file) => FileKeys.For(file.TenantId, FileKeys.Evidence, file.Id);
}
