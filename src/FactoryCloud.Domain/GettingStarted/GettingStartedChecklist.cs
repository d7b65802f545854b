namespace FactoryCloud.Domain.GettingStarted;

/// <summary>The steps of the home page's getting-started checklist, in the order a newcomer takes them.</summary>
public enum GettingStartedStep
{
    OnboardPlant,
    ReceiveFirstMessage,
    InviteColleague,
    CreateTeamAndProduct,
    RunFirstAssessment,
}

/// <summary>One line of the checklist: the step and whether the organisation's data shows it done.</summary>
public sealed record GettingStartedItem(GettingStartedStep Step, bool Done);

/// <summary>
/// The getting-started checklist, derived from <see cref="GettingStartedFacts"/>: each step is done when the data says
/// so, and the checklist is complete when every step is. Pure, so each state is tested without a database.
/// </summary>
public sealed record GettingStartedChecklist(GettingStartedFacts Facts, IReadOnlyList<GettingStartedItem> Items)
{
    public static GettingStartedChecklist From(GettingStartedFacts facts) => new(facts,
    [
        new(GettingStartedStep.OnboardPlant, facts.PlantOnboarded),
        new(GettingStartedStep.ReceiveFirstMessage, facts.FirstMessageReceived),
        new(GettingStartedStep.InviteColleague, facts.ColleagueInvited),
        new(GettingStartedStep.CreateTeamAndProduct, facts.TeamCreated && facts.ProductCreated),
        new(GettingStartedStep.RunFirstAssessment, facts.AssessmentRun),
    ]);

    public int DoneCount => Items.Count(i => i.Done);

    public bool IsComplete => DoneCount == Items.Count;

    /// <summary>The first step not done yet, the one to suggest; null once complete.</summary>
    public GettingStartedStep? Next => Items.FirstOrDefault(i => !i.Done)?.Step;
}
