using FactoryCloud.Domain.Maturity;

namespace FactoryCloud.Web.Features.Maturity;

/// <summary>
/// The tenant's maturity models. A tenant starts from a copy of the product's default model; saving an edit adds a
/// new version (versions never change), so assessments keep the version they were taken with.
/// </summary>
public sealed class MaturityModelService(IDbContextFactory<AppDbContext> contexts, CurrentTenant current, TimeProvider clock)
{
    public async Task<IReadOnlyList<ModelSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var versions = await db.MaturityModelVersions.AsNoTracking()
            .Select(v => new { v.Id, v.ModelId, v.Version, v.Name, v.CreatedAt }).ToListAsync(ct);
        return versions.GroupBy(v => v.ModelId)
            .Select(g => g.OrderByDescending(v => v.Version).First())
            .OrderBy(v => v.Name).ThenBy(v => v.CreatedAt)
            .Select(v => new ModelSummary(v.ModelId, v.Name, v.Id, v.Version, v.CreatedAt))
            .ToList();
    }

    public async Task<IReadOnlyList<ModelVersionView>> VersionsAsync(Guid modelId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var versions = await db.MaturityModelVersions.AsNoTracking().Where(v => v.ModelId == modelId).OrderByDescending(v => v.Version).ToListAsync(ct);
        return versions.Select((v, i) => ToView(v, isLatest: i == 0)).ToList();
    }

    public async Task<ModelVersionView?> GetAsync(Guid versionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.MaturityModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, ct) is not { } version) return null;
        return ToView(version, !await db.MaturityModelVersions.AnyAsync(v => v.ModelId == version.ModelId && v.Version > version.Version, ct));
    }

    public static IReadOnlyList<ModelTemplateView> Templates() =>
        MaturityTemplates.All.Select(t => new ModelTemplateView(t.Key, t.Name, t.Create())).ToList();

    /// <summary>
    /// Copies a template (the product's default model unless <see cref="CopyModelRequest.Template"/> names another)
    /// into the tenant as version 1 of a new model; new assessments use it from then on (the latest saved version).
    /// </summary>
    public async Task<OperationResult<ModelVersionView>> CopyDefaultAsync(CopyModelRequest request, CancellationToken ct = default)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        if (MaturityTemplates.Find(request.Template) is not { } template)
            return Failure.Invalid(nameof(request.Template), $"Unknown template. Choose one of: {string.Join(", ", MaturityTemplates.All.Select(t => t.Key))}.");
        if (!current.Role.CanApproveAndEditModels()) return MaturityRoles.CannotApprove;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var version = NewDefaultCopy(string.IsNullOrWhiteSpace(request.Name) ? template.Name : request.Name.Trim());
        version.Definition = template.Create();
        db.MaturityModelVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return ToView(version, isLatest: true);
    }

    /// <summary>Saves an edit of <paramref name="versionId"/>'s model as its next version.</summary>
    public async Task<OperationResult<ModelVersionView>> SaveAsync(Guid versionId, SaveModelRequest request, CancellationToken ct = default)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        if (request.Definition.Validate() is { Count: > 0 } errors)
            return new Failure(FailureKind.Validation, "The model is not valid.", errors.ToDictionary(e => "Definition." + e.Key, e => e.Value));
        if (!current.Role.CanApproveAndEditModels()) return MaturityRoles.CannotApprove;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.MaturityModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, ct) is not { } edited)
            return Failure.NotFound("The model version");
        var latest = await db.MaturityModelVersions.Where(v => v.ModelId == edited.ModelId).MaxAsync(v => v.Version, ct);
        var next = new MaturityModelVersion
        {
            ModelId = edited.ModelId, Version = latest + 1, Name = request.Name.Trim(), BasedOnProductVersion = edited.BasedOnProductVersion,
            CreatedAt = clock.GetUtcNow(), CreatedBy = current.UserId?.ToString(), Definition = request.Definition.Copy(),
        };
        // Every saved version states its value levers: a dimension sent without them keeps the edited version's.
        foreach (var d in next.Definition.Dimensions.Where(d => d.ValueLevers is null))
            d.ValueLevers = (edited.Definition.Find(d.Key) ?? d).EffectiveLevers(MaturityModelVersion.EvidenceOf(edited.Definition.Find(d.Key) ?? d, edited.BasedOnProductVersion));
        db.MaturityModelVersions.Add(next);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Failure.Conflict("Someone saved this model at the same time. Reload it and save again.");
        }
        return ToView(next, isLatest: true);
    }

    /// <summary>The version a new assessment uses when none is named: the tenant's most recently saved version, copying the default model if there is none.</summary>
    internal async Task<MaturityModelVersion> CurrentForNewAssessmentAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.MaturityModelVersions.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Version).FirstOrDefaultAsync(ct) is { } latest)
            return latest;
        var copy = NewDefaultCopy(DefaultMaturityModel.Name);
        db.MaturityModelVersions.Add(copy);
        return copy;
    }

    private MaturityModelVersion NewDefaultCopy(string name) => new()
    {
        ModelId = Guid.CreateVersion7(), Version = 1, Name = name, CreatedAt = clock.GetUtcNow(),
        CreatedBy = current.UserId?.ToString(), Definition = DefaultMaturityModel.Create(),
    };

    internal static ModelVersionView ToView(MaturityModelVersion v, bool isLatest) =>
        new(v.Id, v.ModelId, v.Version, v.Name, v.BasedOnProductVersion, v.CreatedAt, v.CreatedBy, isLatest, v.Definition);
}
