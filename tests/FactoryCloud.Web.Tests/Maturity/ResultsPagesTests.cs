using Bunit;
using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Web.Features.Maturity;

namespace FactoryCloud.Web.Tests.Maturity;

public sealed class ResultsPagesTests : IAsyncLifetime
{
    private readonly MaturityScenario _scenario = new();

    public ValueTask InitializeAsync() => _scenario.InitializeAsync();

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    private static Dictionary<string, (int Stage, int Target)> Answers() =>
        DefaultMaturityModel.Create().Dimensions.ToDictionary(d => d.Key, d => d.Key == "connectivity" ? (1, 4) : (2, 3));

    [Fact]
    public async Task ResultsShowTheWeightedScoreTheRadarOfCurrentAndTargetAndTheGaps()
    {
        var id = await _scenario.SeedAssessmentAsync(AssessmentStatus.Approved, Answers());
        await using var ctx = _scenario.ContextFor(TenantRole.Viewer);

        var page = ctx.Render<ResultsPage>(p => p.Add(c => c.Id, id));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=overall-score]")), MaturityScenario.Patience);
        // Weights 11.75; connectivity (1.5) at 1, the rest at 2.
        Assert.Equal((((11.75 - 1.5) * 2) + 1.5) / 11.75, double.Parse(page.Find("[data-testid=overall-score]").TextContent, System.Globalization.CultureInfo.InvariantCulture), 2);
        Assert.Equal(["Current", "Target"], page.FindAll("polygon.radar-series").Select(p => p.GetAttribute("data-series")));
        Assert.Equal("3", page.Find("[data-testid=gap-table] tr[data-dimension=connectivity] .gap-cell").TextContent);
        Assert.Equal("connectivity", page.FindAll("[data-testid=priority-matrix] .matrix-point")[0].GetAttribute("data-dimension"));
        Assert.Equal(MaturityRoadmap.Unscheduled, page.Find("[data-testid=roadmap] .roadmap-period").GetAttribute("data-period"));
    }

    [Fact]
    public async Task AnOrganisationWideAssessmentSaysWhyItsGapsAreNotValuedAndASiteAssessmentDoesNot()
    {
        var site = await _scenario.SeedAssessmentAsync(AssessmentStatus.Approved, Answers());
        Guid whole;
        await using (var db = _scenario.Database.Contexts.Create(FactoryCloud.Infrastructure.Tenancy.DataScope.ForTenant(_scenario.Tenant.Id)))
        {
            var assessment = await db.MaturityAssessments.FindAsync(site);
            var copy = new MaturityAssessment
            {
                ModelVersionId = assessment!.ModelVersionId, Title = "Group 2026", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Add(copy);
            db.Add(new MaturityAnswer { AssessmentId = copy.Id, DimensionKey = "connectivity", Stage = MaturityStage.AdHoc, TargetStage = MaturityStage.Established, UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            whole = copy.Id;
        }
        await using var ctx = _scenario.ContextFor(TenantRole.Viewer);

        var page = ctx.Render<ResultsPage>(p => p.Add(c => c.Id, whole));
        var sitePage = ctx.Render<ResultsPage>(p => p.Add(c => c.Id, site));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=value-effort-matrix]")), MaturityScenario.Patience);
        Assert.Equal(GapValueService.OrganisationNotValued, page.Find("[data-testid=organisation-not-valued]").TextContent.Trim());
        sitePage.WaitForAssertion(() => Assert.NotNull(sitePage.Find("[data-testid=value-effort-matrix]")), MaturityScenario.Patience);
        Assert.Empty(sitePage.FindAll("[data-testid=organisation-not-valued]"));
    }

    [Fact]
    public async Task TheReportPrintsEveryDimensionWithItsStageDescriptionAndNotes()
    {
        var id = await _scenario.SeedAssessmentAsync(AssessmentStatus.Approved, Answers());
        await using var ctx = _scenario.ContextFor(TenantRole.Viewer);

        var page = ctx.Render<ReportPage>(p => p.Add(c => c.Id, id));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=report]")), MaturityScenario.Patience);
        var report = page.Find("[data-testid=report]").TextContent;
        Assert.Contains(DefaultMaturityModel.Create().Find("connectivity")!.StageDescriptions[0], report);
        Assert.Contains("notes on energy", report);
        Assert.Contains("@media print", page.Markup);
        Assert.Contains("no-print", page.Find("[data-testid=report] > div").ClassName);
    }

    [Fact]
    public void TheCsvHasOneRowPerDimensionAndDefusesFormulas()
    {
        var model = DefaultMaturityModel.Create();
        var score = MaturityScoring.Score(model, [new DimensionAnswer("connectivity", MaturityStage.AdHoc, MaturityStage.Advanced, new DateOnly(2027, 1, 15))]);
        var summary = new AssessmentSummary(Guid.NewGuid(), "=HYPERLINK(\"x\")", null, "Plant, North", AssessmentStatus.Draft, [], Guid.NewGuid(), 1,
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, score.Overall, score.OverallStage, score.Progress);

        var csv = MaturityCsv.Write(new AssessmentResults(summary, score, GapPrioritisation.Rank(score), [], []));

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(MaturityCsv.Header, lines[0]);
        Assert.Equal(11, lines.Length);
        Assert.Equal("\"'=HYPERLINK(\"\"x\"\")\",\"Plant, North\",Draft,Connectivity and IIoT,Technology,1.5,1,4,3,2027-01-15,Medium,4.5", lines[4]);
    }
}
