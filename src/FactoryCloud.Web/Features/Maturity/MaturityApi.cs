using FactoryCloud.Domain.Maturity;
using FactoryCloud.Web.Common.Security;
using FactoryCloud.Web.Features.Files;
using FactoryCloud.Web.Features.Maturity.Evidence;
using FactoryCloud.Web.Features.Tenancy;

namespace FactoryCloud.Web.Features.Maturity;

/// <summary>
/// REST endpoints for maturity models, assessments, answers and results. Reads: any member; writes: assessors
/// (every role but Viewer); approving and editing models: Owner, Admin (see <see cref="MaturityRoles"/>).
/// </summary>
public static class MaturityApi
{
    public static IEndpointRouteBuilder MapMaturityApi(this IEndpointRouteBuilder api)
    {
        var maturity = api.MapGroup("/maturity").WithTags("Maturity").RequireAuthorization(TenantPolicies.Member);

        maturity.MapGet("/models/default", () => TypedResults.Ok(DefaultMaturityModel.Create()));
        maturity.MapGet("/models/templates", () => TypedResults.Ok(MaturityModelService.Templates()));
        maturity.MapGet("/models", async (MaturityModelService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)));
        maturity.MapGet("/models/{modelId:guid}/versions", async (Guid modelId, MaturityModelService s, CancellationToken ct) =>
            await s.VersionsAsync(modelId, ct) is { Count: > 0 } versions ? Results.Ok(versions) : Failure.NotFound("The model").ToProblem());
        maturity.MapGet("/model-versions/{id:guid}", async (Guid id, MaturityModelService s, CancellationToken ct) =>
            await s.GetAsync(id, ct) is { } version ? Results.Ok(version) : Failure.NotFound("The model version").ToProblem());
        maturity.MapPost("/models", async (CopyModelRequest body, MaturityModelService s, CancellationToken ct) =>
            (await s.CopyDefaultAsync(body, ct)).ToResult(v => TypedResults.Created($"/api/v1/maturity/model-versions/{v.Id}", v)))
            .RequireAuthorization(TenantPolicies.Editor);
        maturity.MapPost("/model-versions/{id:guid}/next", async (Guid id, SaveModelRequest body, MaturityModelService s, CancellationToken ct) =>
            (await s.SaveAsync(id, body, ct)).ToResult(v => TypedResults.Created($"/api/v1/maturity/model-versions/{v.Id}", v)))
            .RequireAuthorization(TenantPolicies.Editor);

        maturity.MapGet("/assessments", async (Guid? siteId, MaturityAssessmentService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(siteId, ct)));
        maturity.MapGet("/assessments/{id:guid}", async (Guid id, MaturityAssessmentService s, CancellationToken ct) =>
            await s.GetAsync(id, ct) is { } detail ? Results.Ok(detail) : Failure.NotFound("The assessment").ToProblem());
        maturity.MapPost("/assessments", async (AssessmentRequest body, MaturityAssessmentService s, CancellationToken ct) =>
            (await s.CreateAsync(body, ct)).ToResult(v => TypedResults.Created($"/api/v1/maturity/assessments/{v.Id}", v)))
            .RequireAuthorization(TenantPolicies.Editor);
        maturity.MapPut("/assessments/{id:guid}", async (Guid id, AssessmentRequest body, MaturityAssessmentService s, CancellationToken ct) =>
            (await s.UpdateAsync(id, body, ct)).ToResult(TypedResults.Ok)).RequireAuthorization(TenantPolicies.Editor);
        maturity.MapDelete("/assessments/{id:guid}", async (Guid id, MaturityAssessmentService s, CancellationToken ct) =>
            (await s.DeleteAsync(id, ct)).ToResult()).RequireAuthorization(TenantPolicies.Editor);
        maturity.MapPut("/assessments/{id:guid}/answers/{dimension}", async (Guid id, string dimension, AnswerRequest body, MaturityAssessmentService s, CancellationToken ct) =>
            (await s.SaveAnswerAsync(id, dimension, body, ct)).ToResult(TypedResults.Ok)).RequireAuthorization(TenantPolicies.Editor);
        // Evidence files, uploaded and downloaded as every file endpoint (FileEndpoints): the file as the body, ?name= its name.
        maturity.MapGet("/assessments/{id:guid}/evidence-files", async (Guid id, string? dimension, EvidenceFileService s, CancellationToken ct) =>
            (await s.ListAsync(id, dimension, ct)).ToResult(TypedResults.Ok));
        maturity.MapPost("/assessments/{id:guid}/answers/{dimension}/files", async (Guid id, string dimension, string? name, HttpRequest request, EvidenceFileService s, CancellationToken ct) =>
                FileEndpoints.RefuseOtherBodies(request)
                ?? (await s.UploadAsync(id, dimension, name, request.Body, ct)).ToResult(v => TypedResults.Created($"/api/v1/maturity/evidence-files/{v.Id}/content", v)))
            .RequireAuthorization(TenantPolicies.Editor)
            .WithBodyLimit(api.ServiceProvider.GetRequiredService<FactoryCloud.Infrastructure.Files.FileStoreOptions>().MaxBytes);
        maturity.MapGet("/evidence-files/{fileId:guid}/content", async (Guid fileId, EvidenceFileService s, HttpResponse response, CancellationToken ct) =>
            await s.OpenAsync(fileId, ct) is { Value: { } file }
                ? FileEndpoints.Download(response, file.Content, file.File.ContentType, file.File.FileName)
                : Failure.NotFound("The evidence file").ToProblem());
        maturity.MapDelete("/evidence-files/{fileId:guid}", async (Guid fileId, EvidenceFileService s, CancellationToken ct) =>
            (await s.DeleteAsync(fileId, ct)).ToResult()).RequireAuthorization(TenantPolicies.Editor);
        maturity.MapPost("/assessments/{id:guid}/status", async (Guid id, StatusRequest body, MaturityAssessmentService s, CancellationToken ct) =>
            (await s.ChangeStatusAsync(id, body.Status, ct)).ToResult(TypedResults.Ok)).RequireAuthorization(TenantPolicies.Editor);

        maturity.MapPut("/assessments/{id:guid}/next-reassessment", async (Guid id, NextReassessmentRequest body, MaturityAssessmentService s, CancellationToken ct) =>
            (await s.SetNextReassessmentAsync(id, body, ct)).ToResult(TypedResults.Ok)).RequireAuthorization(TenantPolicies.Editor);

        maturity.MapGet("/assessments/{id:guid}/results", async (Guid id, MaturityResultsService s, CancellationToken ct) =>
            await s.ResultsAsync(id, ct) is { } results ? Results.Ok(results) : Failure.NotFound("The assessment").ToProblem());
        maturity.MapPost("/assessments/{id:guid}/backlog", async (Guid id, GapBacklogRequest body, GapBacklogService s, CancellationToken ct) =>
            (await s.CreateEpicsAsync(id, body, ct)).ToResult(v => TypedResults.Created($"/api/v1/maturity/assessments/{id}/work", v)))
            .RequireAuthorization(TenantPolicies.Editor);
        maturity.MapGet("/assessments/{id:guid}/value-effort", async (Guid id, GapValueService s, CancellationToken ct) =>
            await s.ForAssessmentAsync(id, ct) is { } matrix ? Results.Ok(matrix) : Failure.NotFound("The assessment").ToProblem());
        maturity.MapGet("/assessments/{id:guid}/work", async (Guid id, GapBacklogService s, CancellationToken ct) => (await s.WorkOfAssessmentAsync(id, ct)).ToResult(TypedResults.Ok));
        maturity.MapGet("/assessments/{id:guid}/results.csv", async (Guid id, MaturityResultsService s, CancellationToken ct) =>
            await s.CsvAsync(id, ct) is { } csv
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv", $"maturity-{id}.csv")
                : Failure.NotFound("The assessment").ToProblem())
            .AuditExport("Maturity results CSV");
        maturity.MapGet("/compare", async (string? ids, MaturityResultsService s, CancellationToken ct) =>
            ParseIds(ids) is { } parsed
                ? (await s.CompareAsync(parsed, ct)).ToResult(TypedResults.Ok)
                : Failure.Invalid("ids", "'ids' is a comma-separated list of assessment ids.").ToProblem());
        maturity.MapGet("/portfolio", async (MaturityResultsService s, CancellationToken ct) => TypedResults.Ok(await s.PortfolioAsync(ct)));
        maturity.MapGet("/evidence/sites/{id:guid}", async (Guid id, MaturityEvidenceService s, CancellationToken ct) =>
            await s.ForSiteAsync(id, ct) is { } evidence ? Results.Ok(evidence) : Failure.NotFound("The site").ToProblem());
        maturity.MapGet("/assessments/{id:guid}/evidence", async (Guid id, MaturityEvidenceService s, CancellationToken ct) =>
            await s.ForAssessmentAsync(id, ct) is { } evidence ? Results.Ok(evidence) : Failure.NotFound("The assessment").ToProblem());
        maturity.MapGet("/evidence/organisation", async (MaturityEvidenceService s, CancellationToken ct) => TypedResults.Ok(await s.ForOrganisationAsync(ct)));
        return api;
    }

    /// <summary>Comma-separated ids; null when any is not a GUID.</summary>
    private static List<Guid>? ParseIds(string? ids)
    {
        var parsed = new List<Guid>();
        foreach (var part in (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Guid.TryParse(part, out var id)) return null;
            parsed.Add(id);
        }
        return parsed;
    }
}
