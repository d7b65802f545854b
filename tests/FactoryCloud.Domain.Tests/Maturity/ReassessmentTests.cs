using FactoryCloud.Domain.Maturity;
using Xunit;
using static FactoryCloud.Domain.Tests.Maturity.MaturityTestData;

namespace FactoryCloud.Domain.Tests.Maturity;

public class ReassessmentTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void APrefillCopiesThePreviousAnswersForTheDimensionsTheModelStillHas()
    {
        var id = Guid.NewGuid();
        MaturityAnswer[] previous =
        [
            new() { DimensionKey = "strategy", Stage = MaturityStage.Developing, TargetStage = MaturityStage.Advanced, TargetDate = new DateOnly(2027, 6, 30),
                Confidence = AnswerConfidence.High, Notes = "roadmap agreed", EvidenceLinks = ["https://wiki.example/strategy"] },
            new() { DimensionKey = "gone", Stage = MaturityStage.Advanced },
        ];

        var copied = Reassessment.Prefill(Model(), previous, id, Now);

        var strategy = Assert.Single(copied);
        Assert.Equal((id, "strategy", MaturityStage.Developing, MaturityStage.Advanced), (strategy.AssessmentId, strategy.DimensionKey, strategy.Stage, strategy.TargetStage));
        Assert.Equal((new DateOnly(2027, 6, 30), AnswerConfidence.High, "roadmap agreed", Now), (strategy.TargetDate, strategy.Confidence, strategy.Notes, strategy.UpdatedAt));
        Assert.Equal(["https://wiki.example/strategy"], strategy.EvidenceLinks);
        Assert.NotSame(previous[0].EvidenceLinks, strategy.EvidenceLinks);
    }

    [Fact]
    public void ADimensionThePreviousAssessmentLeftOpenStartsFromWhatTheDataSuggestsWithLowConfidence()
    {
        var id = Guid.NewGuid();
        var prefilled = Reassessment.Prefill(Model(),
        [
            new() { DimensionKey = "strategy", Stage = MaturityStage.Developing, Confidence = AnswerConfidence.High },
            new() { DimensionKey = "energy", Stage = null, Notes = "meters ordered" },
        ], id, Now);
        var suggested = new Dictionary<string, MaturityStage>
        {
            ["strategy"] = MaturityStage.Optimized, // answered: the assessors' stage stays
            ["energy"] = MaturityStage.Established, // open: filled
            ["connectivity"] = MaturityStage.Advanced, // not answered at all before: added
        };

        var answers = Reassessment.FillFromEvidence(Model(), prefilled, suggested, id, Now).ToDictionary(a => a.DimensionKey);

        Assert.Equal((MaturityStage.Developing, AnswerConfidence.High), (answers["strategy"].Stage, answers["strategy"].Confidence));
        Assert.Equal((MaturityStage.Established, AnswerConfidence.Low), (answers["energy"].Stage, answers["energy"].Confidence));
        Assert.Equal(Reassessment.EvidenceNote(Now) + "\n\nmeters ordered", answers["energy"].Notes);
        Assert.Equal((id, MaturityStage.Advanced, AnswerConfidence.Low, Reassessment.EvidenceNote(Now)),
            (answers["connectivity"].AssessmentId, answers["connectivity"].Stage, answers["connectivity"].Confidence, answers["connectivity"].Notes));
    }

    [Fact]
    public void NothingSuggestedLeavesTheAnswersAsTheyWere()
    {
        MaturityAnswer[] previous = [new() { DimensionKey = "energy", Stage = null }];
        var prefilled = Reassessment.Prefill(Model(), previous, Guid.NewGuid(), Now);

        var answers = Reassessment.FillFromEvidence(Model(), prefilled, new Dictionary<string, MaturityStage>(), Guid.NewGuid(), Now);

        Assert.Null(Assert.Single(answers).Stage);
    }

    [Fact]
    public void AReachedTargetIsNotCarriedOver()
    {
        MaturityAnswer[] previous = [new() { DimensionKey = "energy", Stage = MaturityStage.Established, TargetStage = MaturityStage.Established, TargetDate = new DateOnly(2026, 12, 31) }];

        var energy = Assert.Single(Reassessment.Prefill(Model(), previous, Guid.NewGuid(), Now));

        Assert.Equal(MaturityStage.Established, energy.Stage);
        Assert.Null(energy.TargetStage);
        Assert.Null(energy.TargetDate);
    }

    [Fact]
    public void TheChangeIsGivenPerDimensionAndOverall()
    {
        var before = MaturityScoring.Score(Model(), [Answer("strategy", 2), Answer("connectivity", 3)]);
        var after = MaturityScoring.Score(Model(), [Answer("strategy", 3), Answer("connectivity", 2), Answer("energy", 1)]);

        var change = Reassessment.Compare(before, after);

        Assert.Equal(["strategy", "connectivity", "energy"], change.Dimensions.Select(d => d.Key));
        Assert.Equal([1, -1, null], change.Dimensions.Select(d => d.Change));
        Assert.Equal((MaturityStage?)null, change.Dimensions[2].Previous);
        // Before: (3×2 + 1×3) / 4 = 2.25; after: (3×3 + 1×2 + 2×1) / 6 = 13/6.
        Assert.Equal(13.0 / 6 - 2.25, change.OverallChange!.Value, 9);
    }

    [Fact]
    public void TheNextAssessmentIsDueSixMonthsLaterOrAtAnEarlierTargetDate()
    {
        Assert.Equal(new DateOnly(2027, 9, 1), Reassessment.NextDue(Now, []));
        Assert.Equal(new DateOnly(2027, 5, 15), Reassessment.NextDue(Now, [new DateOnly(2027, 12, 31), new DateOnly(2027, 5, 15)]));
        // A target date already behind the assessment does not pull the date back.
        Assert.Equal(new DateOnly(2027, 9, 1), Reassessment.NextDue(Now, [new DateOnly(2027, 1, 31)]));
    }

    [Fact]
    public void ADateSetByAnOwnerWinsOverTheComputedOne()
    {
        Assert.Equal(new DateOnly(2027, 4, 1), Reassessment.NextDue(new DateOnly(2027, 4, 1), Now, [new DateOnly(2027, 5, 15)]));
        Assert.Equal(new DateOnly(2027, 5, 15), Reassessment.NextDue(null, Now, [new DateOnly(2027, 5, 15)]));
    }

    [Fact]
    public void TheNextDateLiesBetweenTheDayTakenAndFiveYearsLater()
    {
        var taken = DateOnly.FromDateTime(Now.UtcDateTime);
        Assert.Null(Reassessment.RefuseNextDate(taken, Now));
        Assert.Null(Reassessment.RefuseNextDate(taken.AddYears(5), Now));
        Assert.Contains("cannot come before", Reassessment.RefuseNextDate(taken.AddDays(-1), Now));
        Assert.Contains("at most 5 years", Reassessment.RefuseNextDate(taken.AddYears(5).AddDays(1), Now));
    }
}
