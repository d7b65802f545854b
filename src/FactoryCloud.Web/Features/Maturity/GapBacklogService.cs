using System.ComponentModel.DataAnnotations;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.WorkItems;

namespace FactoryCloud.Web.Features.Maturity;

public sealed class GapBacklogRequest
{
    [Required(ErrorMessage = "Choose a product.")]
    public Guid? ProductId { get; set; }

    [MinLength(1, ErrorMessage = "Choose at least one gap.")]
    public List<string> Dimensions { get; set; } = [];

    /// <summary>
    /// Per dimension, the titles of the suggested stories to create; a dimension not named here gets all of them
    /// (left out entirely, every suggested story is created).
    /// </summary>
    public Dictionary<string, List<string>>? Stories { get; set; }
}

/// <summary>A work item linked to one dimension of an assessment, with where it stands on its board.</summary>
public sealed record DimensionWork(string DimensionKey, Guid WorkItemId, WorkItemType Type, string Title, string Column, ColumnCategory Category);

/// <summary>
/// From gap to backlog: the selected gaps of an assessment become epics in a product's backlog (one per gap, named for
/// what to do; a feature per stage to climb; the improvement actions the user kept as stories), each epic linked to its
/// dimension of that assessment, so results and portfolio show the work and its progress.
/// </summary>
public sealed class GapBacklogService(IDbContextFactory<AppDbContext> contexts, WorkItemService workItems)
{
    /// <summary>The link target of an assessment's dimension: <c>{assessment}/{dimension}</c>.</summary>
    public static string TargetOf(Guid assessmentId, string dimensionKey) => $"{assessmentId:N}/{dimensionKey}";

    public async Task<OperationResult<IReadOnlyList<WorkItemView>>> CreateEpicsAsync(Guid assessmentId, GapBacklogRequest request, CancellationToken ct = default)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.MaturityAssessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == assessmentId, ct) is not { } assessment)
            return Failure.NotFound("The assessment");
        if (!await db.Products.AnyAsync(p => p.Id == request.ProductId, ct)) return Failure.Invalid(nameof(request.ProductId), "The product was not found.");

        var (model, all) = await ProposalsAsync(db, assessment, request.Dimensions, ct);
        var proposals = GapBacklogProposals.Keep(all, request.Stories);
        if (proposals.Count == 0) return Failure.Invalid(nameof(request.Dimensions), "None of the chosen dimensions has an open gap.");
        if (await ExistingEpicsAsync(db, assessmentId, proposals.Select(p => p.DimensionKey), ct) is { Count: > 0 } existing)
            return Failure.Conflict("These gaps already have epics, so nothing was created: "
                + string.Join("; ", existing) + ".");

        var created = new List<Guid>();
        var result = await CreateAllAsync(request.ProductId!.Value, assessment, model, proposals, created, ct);
        if (result.Failure is not null)
        {
            // Nothing half-saved: what this request created goes again, children before their parents.
            foreach (var id in Enumerable.Reverse(created)) await workItems.DeleteAsync(id, ct);
        }
        return result;
    }

    /// <summary>What creating epics for <paramref name="dimensions"/> would create, for the user to choose from.</summary>
    public async Task<IReadOnlyList<EpicProposal>> ProposeAsync(Guid assessmentId, IEnumerable<string> dimensions, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.MaturityAssessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == assessmentId, ct) is not { } assessment) return [];
        return (await ProposalsAsync(db, assessment, dimensions, ct)).Proposals;
    }

    private static async Task<(MaturityModelDefinition Model, IReadOnlyList<EpicProposal> Proposals)> ProposalsAsync(
        AppDbContext db, MaturityAssessment assessment, IEnumerable<string> dimensions, CancellationToken ct)
    {
        var model = await db.MaturityModelVersions.AsNoTracking().Where(v => v.Id == assessment.ModelVersionId).Select(v => v.Definition).SingleAsync(ct);
        var answers = await db.MaturityAnswers.AsNoTracking().Where(a => a.AssessmentId == assessment.Id).ToListAsync(ct);
        var score = MaturityScoring.Score(model, answers.Select(a => a.ToScoringInput()));
        return (model, GapBacklogProposals.For(model, assessment.Id, assessment.Title, score, dimensions));
    }

    /// <summary>Per gap: an epic linked to the dimension, a feature per stage to climb, the chosen actions of that stage as stories.</summary>
    private async Task<OperationResult<IReadOnlyList<WorkItemView>>> CreateAllAsync(
        Guid productId, MaturityAssessment assessment, MaturityModelDefinition model, IReadOnlyList<EpicProposal> proposals, List<Guid> created, CancellationToken ct)
    {
        var epics = new List<WorkItemView>();
        foreach (var proposal in proposals)
        {
            var link = new LinkRequest
            {
                Kind = LinkKinds.MaturityDimension, TargetId = TargetOf(assessment.Id, proposal.DimensionKey),
                Label = $"{model.Find(proposal.DimensionKey)!.Name} ({assessment.Title})",
            };
            var epic = await workItems.CreateLinkedAsync(productId, WorkItemType.Epic, proposal.Title, proposal.Description, link, ct);
            if (epic.Failure is { } failure) return failure;
            created.Add(epic.Value!.Id);
            epics.Add(epic.Value);
            // Stories sit under features (HierarchyRules): one per stage that has chosen stories, named for the dimension
            // and the stage so it reads on its own on a board ("Energy: reach 2 Developing", not "Reach 2 Developing").
            var dimensionName = model.Find(proposal.DimensionKey)!.Name;
            foreach (var stage in proposal.Stories.GroupBy(s => s.ForStage))
            {
                var feature = await CreateAsync(productId, WorkItemType.Feature, $"{dimensionName}: reach {stage.Key.NumberedLabel()}", stage.First().Description, epic.Value.Id, created, ct);
                if (feature.Failure is { } featureFailure) return featureFailure;
                foreach (var story in stage)
                {
                    var item = await CreateAsync(productId, WorkItemType.Story, story.Title, story.Description, feature.Value!.Id, created, ct);
                    if (item.Failure is { } storyFailure) return storyFailure;
                }
            }
        }
        return epics;
    }

    private async Task<OperationResult<WorkItemView>> CreateAsync(
        Guid productId, WorkItemType type, string title, string description, Guid parentId, List<Guid> created, CancellationToken ct)
    {
        var result = await workItems.CreateAsync(productId, new WorkItemRequest { Type = type, Title = title, Description = description, ParentId = parentId }, ct);
        if (result.Value is { } item) created.Add(item.Id);
        return result;
    }

    /// <summary>
    /// A repeated request (a double click, a retried call) creates nothing twice: a gap of this assessment that already
    /// has a linked epic, in any product, refuses the request with a 409 naming those epics.
    /// </summary>
    private static async Task<List<string>> ExistingEpicsAsync(AppDbContext db, Guid assessmentId, IEnumerable<string> dimensionKeys, CancellationToken ct)
    {
        var targets = dimensionKeys.Select(key => TargetOf(assessmentId, key)).ToList();
        var linked = await (from l in db.WorkItemLinks
                            where l.Kind == LinkKinds.MaturityDimension && targets.Contains(l.TargetId)
                            join w in db.WorkItems on l.WorkItemId equals w.Id
                            where w.Type == WorkItemType.Epic
                            orderby l.TargetId
                            select new { l.TargetId, w.Id, w.Title }).ToListAsync(ct);
        return linked.Select(l => $"'{l.Title}' ({l.Id}) for {l.TargetId[(l.TargetId.IndexOf('/') + 1)..]}").ToList();
    }

    /// <summary>The work items linked to the assessment's dimensions, or not found for an assessment outside the tenant.</summary>
    public async Task<OperationResult<IReadOnlyList<DimensionWork>>> WorkOfAssessmentAsync(Guid assessmentId, CancellationToken ct = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
            if (!await db.MaturityAssessments.AnyAsync(a => a.Id == assessmentId, ct)) return Failure.NotFound("The assessment");
        return new OperationResult<IReadOnlyList<DimensionWork>>(await WorkAsync(assessmentId, ct), null);
    }

    /// <summary>The work items linked to the assessment's dimensions.</summary>
    public async Task<IReadOnlyList<DimensionWork>> WorkAsync(Guid assessmentId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var prefix = $"{assessmentId:N}/";
        var linked = await (from l in db.WorkItemLinks
                            where l.Kind == LinkKinds.MaturityDimension && l.TargetId.StartsWith(prefix)
                            join w in db.WorkItems on l.WorkItemId equals w.Id
                            join c in db.WorkflowColumns on w.ColumnId equals c.Id
                            select new { l.TargetId, w.Id, w.Type, w.Title, Column = c.Name, c.Category }).ToListAsync(ct);
        return linked.Select(l => new DimensionWork(l.TargetId[prefix.Length..], l.Id, l.Type, l.Title, l.Column, l.Category))
            .OrderBy(w => w.DimensionKey, StringComparer.Ordinal).ToList();
    }
}
