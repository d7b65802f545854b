using Bunit;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Maturity;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.Web.Tests.Maturity;

/// <summary>A re-assessment's questionnaire shows the previous stage beside each dimension; its results show the change; the priority matrix has its value axis.</summary>
public sealed class ReassessmentPagesTests : IAsyncLifetime
{
    private readonly MaturityScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    [Fact]
    public async Task TheQuestionnaireShowsThePreviousStageAndTheResultsTheChangePerDimension()
    {
        var first = await _scenario.SeedAssessmentAsync(AssessmentStatus.Approved, new Dictionary<string, (int, int)> { ["connectivity"] = (1, 3), ["energy"] = (2, 3) });
        var second = await SeedNextAsync(first, new Dictionary<string, (int, int)> { ["connectivity"] = (3, 4), ["energy"] = (2, 3) });
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);

        var questionnaire = ctx.Render<AssessmentPage>(p => p.Add(c => c.Id, second));
        questionnaire.WaitForAssertion(() => Assert.NotNull(questionnaire.Find("[data-testid=reassessment]")), MaturityScenario.Patience);
        Assert.Contains("North 2026", questionnaire.Find("[data-testid=reassessment]").TextContent);
        Assert.Contains("1 Ad hoc", questionnaire.Find("[data-testid=previous-connectivity]").TextContent);
        Assert.Contains("not answered", questionnaire.Find("[data-testid=previous-strategy]").TextContent);

        var results = ctx.Render<ResultsPage>(p => p.Add(c => c.Id, second));
        results.WaitForAssertion(() => Assert.NotNull(results.Find("[data-testid=change-per-dimension]")), MaturityScenario.Patience);
        Assert.Equal("+2", results.Find("[data-testid=change-per-dimension] tr[data-dimension=connectivity] [data-testid=stage-change]").TextContent.Trim());
        Assert.Equal("0", results.Find("[data-testid=change-per-dimension] tr[data-dimension=energy] [data-testid=stage-change]").TextContent.Trim());
        // Without cost rates nothing is valued; connectivity's gap has no epic yet.
        results.WaitForAssertion(() => Assert.NotNull(results.Find("[data-testid=value-effort-matrix]")), MaturityScenario.Patience);
        Assert.Contains("Not valued", results.Find("[data-testid=value-effort-list] tr[data-dimension=connectivity]").TextContent);
        Assert.Contains("No cost rates are set for this site.", results.Find("[data-testid=value-effort-list]").TextContent);
    }

    /// <summary>A later assessment of the same site as <paramref name="previous"/>.</summary>
    private async Task<Guid> SeedNextAsync(Guid previous, IReadOnlyDictionary<string, (int Stage, int Target)> answers)
    {
        await using var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Tenant.Id));
        var before = await db.MaturityAssessments.AsNoTracking().SingleAsync(a => a.Id == previous);
        var next = new MaturityAssessment
        {
            SiteId = before.SiteId, ModelVersionId = before.ModelVersionId, Title = "North 2027", Assessors = ["Olivia"],
            CreatedAt = before.TakenAt.AddMinutes(5), UpdatedAt = before.TakenAt.AddMinutes(5),
        };
        db.Add(next);
        foreach (var (key, (stage, target)) in answers)
            db.Add(new MaturityAnswer { AssessmentId = next.Id, DimensionKey = key, Stage = (MaturityStage)stage, TargetStage = (MaturityStage)target, UpdatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return next.Id;
    }
}
