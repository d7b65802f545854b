namespace FactoryCloud.Domain.Maturity.Evidence;

/// <summary>
/// What the product's own data says about one site (or the whole organisation), gathered once and read by every
/// evidence rule. Each part is null when it was not gathered; a rule then suggests nothing.
/// </summary>
public sealed record EvidenceFacts(
    ConnectivityFacts? Connectivity = null,
    DataFacts? Data = null,
    EnergyFacts? Energy = null,
    AnalyticsFacts? Analytics = null,
    CybersecurityFacts? Cybersecurity = null,
    OrganisationFacts? Organisation = null,
    StrategyFacts? Strategy = null,
    AutomationFacts? Automation = null);

/// <summary>Onboarded machines, those whose last message lies in the window, and messages accepted and refused.</summary>
public sealed record ConnectivityFacts(int MachinesOnboarded, int MachinesOnline, long AcceptedMessages, long RefusedMessages, double? DataCompleteness);

/// <summary>
/// Data completeness (planned time covered by state data, null without planned time), machines that sent all three
/// channels (state, count, measure) in the window, lines whose OEE is defined.
/// </summary>
public sealed record DataFacts(
    int MachinesOnboarded, double? DataCompleteness, int MachinesWithAllChannels, int Lines, int LinesWithOee,
    long AcceptedMessages, long RefusedMessages);

/// <summary>Machines metering energy in the window, and energy per good unit in this window and the one before.</summary>
public sealed record EnergyFacts(int MachinesOnboarded, int MachinesMeteringEnergy, double? EnergyPerUnitKwh, double? PreviousEnergyPerUnitKwh);

/// <summary>Downtime and the part of it with a reason code, enabled alert rules, acknowledgement times, and Pareto reasons that became work items.</summary>
public sealed record AnalyticsFacts(
    int MachinesOnboarded, double DowntimeSeconds, double ReasonCodedDowntimeSeconds, int AlertRulesInUse,
    IReadOnlyList<double> MinutesToAcknowledge, int ParetoReasonsTurnedIntoWork);

/// <summary>
/// Active device credentials (scoped to one machine or shared by a line or site gateway), those not issued or
/// rotated within <see cref="CybersecurityFacts.StaleAfterDays"/>, whether MQTT runs over TLS, whether two-factor
/// sign-in is required (null: the product cannot tell), and audit entries in the window.
/// </summary>
public sealed record CybersecurityFacts(
    int ActiveCredentials, int MachineCredentials, int StaleCredentials, bool TlsInUse, bool? TwoFactorRequired, int AuditEntries)
{
    public const int StaleAfterDays = 90;
}

/// <summary>
/// Teams and those with members in business, development, test and operations; lead and cycle times of items
/// done in the window (days); WIP-limit discipline (share of sampled in-progress columns within their limit);
/// per product, the points done in each of its recent sprints (oldest first).
/// </summary>
public sealed record OrganisationFacts(
    int Teams, int CrossFunctionalTeams, IReadOnlyList<double> LeadTimesDays, IReadOnlyList<double> CycleTimesDays,
    int LimitedColumns, int LimitedColumnsWithinLimit, IReadOnlyList<IReadOnlyList<double>> SprintThroughputsByProduct);

/// <summary>
/// From the site's latest assessment: dimensions with a target and those with a target date; gaps and gaps with an
/// epic; value hypotheses of done items and those with a measured result.
/// </summary>
public sealed record StrategyFacts(int Targets, int TargetsWithDates, int Gaps, int GapsWithEpics, int HypothesesDone, int HypothesesMeasured);

/// <summary>Availability and performance (fractions) in the window and in the window before it.</summary>
public sealed record AutomationFacts(double? Availability, double? Performance, double? PreviousAvailability, double? PreviousPerformance);
