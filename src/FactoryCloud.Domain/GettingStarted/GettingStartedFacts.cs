namespace FactoryCloud.Domain.GettingStarted;

/// <summary>What an organisation has done so far, read from its data (never ticked by hand).</summary>
/// <param name="PlantOnboarded">A machine exists and a device holds active credentials to stream its data.</param>
/// <param name="FirstMessageReceived">At least one telemetry message was accepted.</param>
/// <param name="ColleagueInvited">An invitation was sent, or the organisation has more than one member.</param>
/// <param name="TeamCreated">A team exists.</param>
/// <param name="ProductCreated">A product exists.</param>
/// <param name="AssessmentRun">A maturity assessment was submitted or approved.</param>
public sealed record GettingStartedFacts(
    bool PlantOnboarded, bool FirstMessageReceived, bool ColleagueInvited, bool TeamCreated, bool ProductCreated, bool AssessmentRun);
