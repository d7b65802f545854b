using FactoryCloud.Domain.Maturity;
using FactoryCloud.Web.Features.Maturity.Evidence;

namespace FactoryCloud.Web.Features.Maturity;

/// <summary>Takes assessments: creates them, saves answers (autosave-friendly upserts), moves them through the workflow.</summary>
public sealed class MaturityAssessmentService(
    IDbContextFactory<AppDbContext> contexts, CurrentTenant current, MaturityModelService models, EvidenceFactGatherer evidence, TimeProvider clock)
{
    public const string OrganisationScope = "Whole organisation";

    public async Task<IReadOnlyList<AssessmentSummary>> ListAsync(Guid? siteId = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.MaturityAssessments.AsNoTracking();
        if (siteId is { } site) query = query.Where(a => a.SiteId == site);
        var assessments = await query.ToListAsync(ct);
        return (await SummariesAsync(db, assessments, ct)).OrderByDescending(a => a.TakenAt).ToList();
    }

    public async Task<AssessmentDetail?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.MaturityAssessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is not { } assessment) return null;
        var model = await db.MaturityModelVersions.AsNoTracking().SingleAsync(v => v.Id == assessment.ModelVersionId, ct);
        var answers = await db.MaturityAnswers.AsNoTracking().Where(a => a.AssessmentId == id).ToListAsync(ct);
        var summary = (await SummariesAsync(db, [assessment], ct))[0];
        var isLatest = !await db.MaturityModelVersions.AnyAsync(v => v.ModelId == model.ModelId && v.Version > model.Version, ct);
        var previous = await LatestOfScopeAsync(db, assessment.SiteId, assessment, ct);
        var previousStages = previous is null ? new Dictionary<string, MaturityStage?>()
            : await db.MaturityAnswers.AsNoTracking().Where(a => a.AssessmentId == previous.Id).ToDictionaryAsync(a => a.DimensionKey, a => a.Stage, ct);
        return new AssessmentDetail(summary, MaturityModelService.ToView(model, isLatest),
            answers.OrderBy(a => model.Definition.Dimensions.FindIndex(d => d.Key == a.DimensionKey)).Select(AnswerView.From).ToList(),
            assessment.ApprovedAt, assessment.ApprovedBy, previous is null ? null : new PreviousAssessment(previous.Id, previous.Title, previous.TakenAt, previousStages));
    }

    public async Task<OperationResult<AssessmentSummary>> CreateAsync(AssessmentRequest request, CancellationToken ct = default)
    {
        if (Validate(request) is { } invalid) return invalid;
        if (!current.Role.CanAssess()) return MaturityRoles.CannotAssess;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (request.SiteId is { } siteId && !await db.Sites.AnyAsync(s => s.Id == siteId, ct)) return Failure.Invalid("SiteId", "The site was not found.");
        MaturityModelVersion model;
        if (request.ModelVersionId is { } versionId)
        {
            if (await db.MaturityModelVersions.FirstOrDefaultAsync(v => v.Id == versionId, ct) is not { } named)
                return Failure.Invalid("ModelVersionId", "The model version was not found.");
            model = named;
        }
        else model = await models.CurrentForNewAssessmentAsync(db, ct);

        var now = clock.GetUtcNow();
        var assessors = Assessors(request.Assessors);
        if (assessors.Count == 0) assessors.Add(await CurrentUserNameAsync(db, ct));
        var assessment = new MaturityAssessment
        {
            Title = request.Title.Trim(), SiteId = request.SiteId, ModelVersionId = model.Id, CreatedAt = now, UpdatedAt = now, Assessors = assessors,
        };
        db.MaturityAssessments.Add(assessment);
        // A re-assessment starts from the previous assessment of the same site (or of the organisation): its answers
        // for every dimension this model still has (Reassessment.Prefill), and what the product's data suggests where
        // it left a dimension open (Reassessment.FillFromEvidence); the evidence is shown beside each one.
        if (await LatestOfScopeAsync(db, request.SiteId, before: null, ct) is { } previous)
        {
            var previousAnswers = await db.MaturityAnswers.AsNoTracking().Where(a => a.AssessmentId == previous.Id).ToListAsync(ct);
            var prefilled = Reassessment.Prefill(model.Definition, previousAnswers, assessment.Id, now);
            db.MaturityAnswers.AddRange(Reassessment.FillFromEvidence(model.Definition, prefilled, await SuggestedStagesAsync(model, request.SiteId, ct), assessment.Id, now));
        }
        await db.SaveChangesAsync(ct);
        return (await SummariesAsync(db, [assessment], ct))[0];
    }

    /// <summary>The stage the product's data suggests per dimension of <paramref name="model"/>, for the site (or every site).</summary>
    private async Task<IReadOnlyDictionary<string, MaturityStage>> SuggestedStagesAsync(MaturityModelVersion model, Guid? siteId, CancellationToken ct)
    {
        if (await evidence.GatherAsync(siteId, ct) is not { } gathered) return new Dictionary<string, MaturityStage>();
        var view = MaturityEvidenceService.Evaluate(model.Id, model.BasedOnProductVersion, model.Definition, gathered.At, gathered.Facts, new Dictionary<string, MaturityStage?>());
        return view.Dimensions.Where(d => d.Suggested is not null).ToDictionary(d => d.Key, d => d.Suggested!.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// The assessment a re-assessment is compared with: the latest (by when it was taken) of the same site, or of the
    /// organisation, created before <paramref name="before"/> (any, when null).
    /// </summary>
    internal static async Task<MaturityAssessment?> LatestOfScopeAsync(AppDbContext db, Guid? siteId, MaturityAssessment? before, CancellationToken ct)
    {
        var all = await db.MaturityAssessments.AsNoTracking().Where(a => a.SiteId == siteId).ToListAsync(ct);
        return all.Where(a => before is null || (a.Id != before.Id && a.CreatedAt < before.CreatedAt))
            .OrderByDescending(a => a.TakenAt).ThenByDescending(a => a.CreatedAt).FirstOrDefault();
    }

    public async Task<OperationResult<AssessmentSummary>> UpdateAsync(Guid id, AssessmentRequest request, CancellationToken ct = default)
    {
        if (Validate(request) is { } invalid) return invalid;
        if (!current.Role.CanAssess()) return MaturityRoles.CannotAssess;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await EditableAsync(db, id, ct);
        if (found.Failure is { } failure) return failure;
        var assessment = found.Value!;
        assessment.Title = request.Title.Trim();
        assessment.Assessors = Assessors(request.Assessors);
        assessment.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return (await SummariesAsync(db, [assessment], ct))[0];
    }

    public async Task<OperationResult> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        if (!current.Role.CanAssess()) return MaturityRoles.CannotAssess;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await EditableAsync(db, id, ct);
        if (found.Failure is { } failure) return failure;
        var assessment = found.Value!;
        db.MaturityAssessments.Remove(assessment);
        await db.SaveChangesAsync(ct);
        return OperationResult.Success;
    }

    /// <summary>Creates or replaces the answer for one dimension. Safe to call on every debounced change.</summary>
    public async Task<OperationResult<AnswerView>> SaveAnswerAsync(Guid id, string dimensionKey, AnswerRequest request, CancellationToken ct = default)
    {
        var links = request.EvidenceLinks.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        if (AnswerRules.Validate(request.Stage, request.TargetStage, request.Notes, links) is { Count: > 0 } errors)
            return new Failure(FailureKind.Validation, errors.First().Value[0], errors);
        if (!current.Role.CanAssess()) return MaturityRoles.CannotAssess;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await EditableAsync(db, id, ct);
        if (found.Failure is { } failure) return failure;
        var assessment = found.Value!;
        var model = await db.MaturityModelVersions.AsNoTracking().SingleAsync(v => v.Id == assessment.ModelVersionId, ct);
        if (model.Definition.Find(dimensionKey) is null) return Failure.NotFound("The dimension");

        var now = clock.GetUtcNow();
        var answer = await db.MaturityAnswers.FirstOrDefaultAsync(a => a.AssessmentId == id && a.DimensionKey == dimensionKey, ct);
        if (answer is null) db.MaturityAnswers.Add(answer = new MaturityAnswer { AssessmentId = id, DimensionKey = dimensionKey });
        answer.Stage = request.Stage;
        answer.Confidence = request.Confidence;
        answer.Notes = request.Notes?.Trim() ?? "";
        answer.EvidenceLinks = links;
        answer.TargetStage = request.TargetStage;
        answer.TargetDate = request.TargetDate;
        answer.UpdatedAt = now;
        assessment.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Failure.Conflict("This dimension was answered at the same time elsewhere. Reload and try again.");
        }
        return AnswerView.From(answer);
    }

    public async Task<OperationResult<AssessmentSummary>> ChangeStatusAsync(Guid id, AssessmentStatus status, CancellationToken ct = default)
    {
        if (!current.Role.CanAssess()) return MaturityRoles.CannotAssess;
        if (status == AssessmentStatus.Approved && !current.Role.CanApproveAndEditModels()) return MaturityRoles.CannotApprove;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.MaturityAssessments.FirstOrDefaultAsync(a => a.Id == id, ct) is not { } assessment) return Failure.NotFound("The assessment");
        var model = await db.MaturityModelVersions.AsNoTracking().SingleAsync(v => v.Id == assessment.ModelVersionId, ct);
        var keys = model.Definition.Dimensions.Select(d => d.Key).ToList();
        var answered = await db.MaturityAnswers.CountAsync(a => a.AssessmentId == id && a.Stage != null && keys.Contains(a.DimensionKey), ct);
        if (AssessmentWorkflow.Refusal(assessment.Status, status, answered, keys.Count) is { } refusal)
            return Failure.Invalid("Status", refusal) with { Kind = assessment.Status == status || assessment.IsReadOnly ? FailureKind.Conflict : FailureKind.Validation };

        var now = clock.GetUtcNow();
        assessment.Status = status;
        assessment.UpdatedAt = now;
        if (status == AssessmentStatus.Submitted) assessment.SubmittedAt = now;
        if (status == AssessmentStatus.Approved) (assessment.ApprovedAt, assessment.ApprovedBy) = (now, await CurrentUserNameAsync(db, ct));
        await db.SaveChangesAsync(ct);
        return (await SummariesAsync(db, [assessment], ct))[0];
    }

    /// <summary>
    /// Sets (or, with no date, clears back to the computed one) the next re-assessment of the assessment's site:
    /// Owners and Admins, also once the assessment is approved (the date is a plan, not part of the answers).
    /// </summary>
    public async Task<OperationResult<NextReassessmentView>> SetNextReassessmentAsync(Guid id, NextReassessmentRequest request, CancellationToken ct = default)
    {
        if (!current.Role.CanApproveAndEditModels()) return MaturityRoles.CannotApprove;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.MaturityAssessments.FirstOrDefaultAsync(a => a.Id == id, ct) is not { } assessment) return Failure.NotFound("The assessment");
        if (request.Date is { } date && Reassessment.RefuseNextDate(date, assessment.TakenAt) is { } refusal) return Failure.Invalid("Date", refusal);
        assessment.NextReassessmentOn = request.Date;
        await db.SaveChangesAsync(ct);
        return await NextReassessmentAsync(db, assessment, ct);
    }

    /// <summary>The next re-assessment of an assessment: the date set, else six months on or the earliest open target date.</summary>
    internal static async Task<NextReassessmentView> NextReassessmentAsync(AppDbContext db, MaturityAssessment assessment, CancellationToken ct)
    {
        var score = await MaturityResultsService.ScoreAsync(db, assessment, ct);
        var due = Reassessment.NextDue(assessment.NextReassessmentOn, assessment.TakenAt,
            score.Dimensions.Where(d => d.Gap > 0 && d.TargetDate is not null).Select(d => d.TargetDate!.Value));
        return new NextReassessmentView(assessment.Id, due, assessment.NextReassessmentOn is not null);
    }

    /// <summary>The assessment if it exists and can still change: 404 when missing, 409 once approved.</summary>
    private static async Task<OperationResult<MaturityAssessment>> EditableAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        if (await db.MaturityAssessments.FirstOrDefaultAsync(a => a.Id == id, ct) is not { } assessment) return Failure.NotFound("The assessment");
        if (assessment.IsReadOnly) return Failure.Conflict("An approved assessment is read-only.");
        return assessment;
    }

    private static Failure? Validate(AssessmentRequest request)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        if (request.Assessors.Any(a => a?.Length > 256)) return Failure.Invalid("Assessors", "An assessor's name has at most 256 characters.");
        return null;
    }

    private static List<string> Assessors(IEnumerable<string> names) =>
        names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private async Task<string> CurrentUserNameAsync(AppDbContext db, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == current.UserId).Select(u => u.DisplayName ?? u.Email).FirstOrDefaultAsync(ct) ?? "unknown";

    /// <summary>Summaries with their site names and scores, in a fixed number of queries.</summary>
    internal static async Task<List<AssessmentSummary>> SummariesAsync(AppDbContext db, IReadOnlyList<MaturityAssessment> assessments, CancellationToken ct)
    {
        var ids = assessments.Select(a => a.Id).ToList();
        var versionIds = assessments.Select(a => a.ModelVersionId).Distinct().ToList();
        var siteIds = assessments.Where(a => a.SiteId != null).Select(a => a.SiteId!.Value).Distinct().ToList();
        var versions = await db.MaturityModelVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var sites = await db.Sites.Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var answers = (await db.MaturityAnswers.AsNoTracking().Where(a => ids.Contains(a.AssessmentId)).ToListAsync(ct)).ToLookup(a => a.AssessmentId);
        return assessments.Select(a =>
        {
            var version = versions[a.ModelVersionId];
            var score = MaturityScoring.Score(version.Definition, answers[a.Id].Select(x => x.ToScoringInput()));
            return new AssessmentSummary(a.Id, a.Title, a.SiteId, a.SiteId is { } s ? sites.GetValueOrDefault(s, "?") : OrganisationScope,
                a.Status, a.Assessors, a.ModelVersionId, version.Version, a.CreatedAt, a.TakenAt, score.Overall, score.OverallStage, score.Progress);
        }).ToList();
    }
}
