using FactoryCloud.Domain.Maturity;
using FactoryCloud.Web.Features.Maturity;
using FactoryCloud.Web.Features.Plants;

namespace FactoryCloud.Web.Features.Demo;

/// <summary>
/// A second site, and a maturity assessment of each site with answers and targets, whose largest gaps become epics in a
/// demo product (through <see cref="GapBacklogService"/>), so the business owner's journey starts with a portfolio.
/// </summary>
public sealed class DemoMaturity(AssetService assets, MaturityAssessmentService assessments, GapBacklogService gaps, TimeProvider clock)
{
    public const string SecondSiteKey = "plant-2";

    /// <summary>An assessment of one site: where each dimension stands today (by position in the model) and which gaps become epics where.</summary>
    public sealed record Plan(string Title, string SiteKey, int[] Stages, string[] GapsToEpics, string Product);

    public static readonly IReadOnlyList<Plan> Plans =
    [
        new("Plant 1 digital maturity 2026", DemoPlant.SiteKey, [2, 2, 1, 2, 1, 1, 2, 3, 1, 2], ["connectivity", "analytics"], "OEE Improvement"),
        new("Plant 2 digital maturity 2026", SecondSiteKey, [1, 1, 1, 1, 1, 0, 1, 2, 0, 1], ["energy"], "Energy and Scrap Reduction"),
    ];

    public async Task EnsureSecondSiteAsync(CancellationToken ct)
    {
        if ((await assets.ListSitesAsync(ct)).Any(s => s.Key == SecondSiteKey)) return;
        var site = (await assets.CreateSiteAsync(new SiteRequest { Key = SecondSiteKey, Name = "Plant 2", TimeZone = "Europe/Warsaw" }, ct)).Require("the second site");
        (await assets.CreateAreaAsync(site.Id, new AssetRequest { Key = "machining", Name = "Machining" }, ct)).Require("the second site's area");
    }

    public async Task SeedAsync(IReadOnlyDictionary<string, Guid> products, CancellationToken ct)
    {
        var sites = (await assets.ListSitesAsync(ct)).ToDictionary(s => s.Key, s => s.Id);
        var existing = (await assessments.ListAsync(ct: ct)).Select(a => a.Title).ToHashSet(StringComparer.Ordinal);
        var dimensions = DefaultMaturityModel.Create().Dimensions;
        var targetDate = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddMonths(18);
        foreach (var plan in Plans.Where(p => !existing.Contains(p.Title)))
        {
            var assessment = (await assessments.CreateAsync(new AssessmentRequest
            {
                Title = plan.Title, SiteId = sites[plan.SiteKey], Assessors = ["Demo Owner", "Plant manager"],
            }, ct)).Require($"the assessment '{plan.Title}'");
            for (var i = 0; i < dimensions.Count; i++)
            {
                var stage = (MaturityStage)plan.Stages[i % plan.Stages.Length];
                var climb = plan.GapsToEpics.Contains(dimensions[i].Key) ? 2 : 1;
                (await assessments.SaveAnswerAsync(assessment.Id, dimensions[i].Key, new AnswerRequest
                {
                    Stage = stage, Confidence = AnswerConfidence.Medium, Notes = "Seeded by the demo.",
                    TargetStage = (MaturityStage)Math.Min((int)stage + climb, (int)MaturityStage.Optimized), TargetDate = targetDate,
                }, ct)).Require($"an answer of '{plan.Title}'");
            }
            (await gaps.CreateEpicsAsync(assessment.Id, new GapBacklogRequest { ProductId = products[plan.Product], Dimensions = [.. plan.GapsToEpics] }, ct))
                .Require($"the epics of '{plan.Title}'");
        }
    }

    /// <summary>Deletes the seeded assessments (by title); the epics made from their gaps go with the demo products.</summary>
    public async Task DeleteAsync(CancellationToken ct)
    {
        foreach (var assessment in (await assessments.ListAsync(ct: ct)).Where(a => Plans.Any(p => p.Title == a.Title)))
            (await assessments.DeleteAsync(assessment.Id, ct)).Require($"delete the assessment '{assessment.Title}'");
    }
}
