using FactoryCloud.Domain.GettingStarted;

namespace FactoryCloud.Domain.Tests.GettingStarted;

public sealed class GettingStartedChecklistTests
{
    private static readonly GettingStartedFacts Nothing = new(false, false, false, false, false, false);
    private static readonly GettingStartedFacts Everything = new(true, true, true, true, true, true);

    [Fact]
    public void ANewOrganisationHasFiveOpenStepsAndIsAskedToOnboardAPlantFirst()
    {
        var checklist = GettingStartedChecklist.From(Nothing);

        Assert.Equal(
            [GettingStartedStep.OnboardPlant, GettingStartedStep.ReceiveFirstMessage, GettingStartedStep.InviteColleague,
             GettingStartedStep.CreateTeamAndProduct, GettingStartedStep.RunFirstAssessment],
            checklist.Items.Select(i => i.Step));
        Assert.All(checklist.Items, i => Assert.False(i.Done));
        Assert.Equal(0, checklist.DoneCount);
        Assert.False(checklist.IsComplete);
        Assert.Equal(GettingStartedStep.OnboardPlant, checklist.Next);
    }

    [Fact]
    public void EachFactTicksOnlyItsOwnStep()
    {
        var cases = new (GettingStartedFacts Facts, GettingStartedStep Step)[]
        {
            (Nothing with { PlantOnboarded = true }, GettingStartedStep.OnboardPlant),
            (Nothing with { FirstMessageReceived = true }, GettingStartedStep.ReceiveFirstMessage),
            (Nothing with { ColleagueInvited = true }, GettingStartedStep.InviteColleague),
            (Nothing with { TeamCreated = true, ProductCreated = true }, GettingStartedStep.CreateTeamAndProduct),
            (Nothing with { AssessmentRun = true }, GettingStartedStep.RunFirstAssessment),
        };
        foreach (var (facts, step) in cases)
        {
            var checklist = GettingStartedChecklist.From(facts);
            Assert.Equal([step], checklist.Items.Where(i => i.Done).Select(i => i.Step));
        }
    }

    [Fact]
    public void ATeamWithoutAProductOrAProductWithoutATeamLeavesThatStepOpen()
    {
        Assert.False(GettingStartedChecklist.From(Everything with { TeamCreated = false }).Items.Single(i => i.Step == GettingStartedStep.CreateTeamAndProduct).Done);
        Assert.False(GettingStartedChecklist.From(Everything with { ProductCreated = false }).Items.Single(i => i.Step == GettingStartedStep.CreateTeamAndProduct).Done);
    }

    [Fact]
    public void TheNextStepIsTheFirstOpenOneWhateverWasDoneOutOfOrder()
    {
        var checklist = GettingStartedChecklist.From(Nothing with { PlantOnboarded = true, FirstMessageReceived = true, AssessmentRun = true });

        Assert.Equal(GettingStartedStep.InviteColleague, checklist.Next);
        Assert.Equal(3, checklist.DoneCount);
        Assert.False(checklist.IsComplete);
    }

    [Fact]
    public void WithEveryStepDoneTheChecklistIsCompleteAndSuggestsNothing()
    {
        var checklist = GettingStartedChecklist.From(Everything);

        Assert.True(checklist.IsComplete);
        Assert.Equal(5, checklist.DoneCount);
        Assert.Null(checklist.Next);
    }
}
