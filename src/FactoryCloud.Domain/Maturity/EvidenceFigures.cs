namespace FactoryCloud.Domain.Maturity;

/// <summary>
/// What telemetry says about a site's connectivity and data, over one window (the last 24 hours).
/// <see cref="DataCompleteness"/> is the share of planned time covered by state data (null without planned time).
/// </summary>
public sealed record EvidenceFigures(
    int MachineCount,
    int ReportingMachines,
    double? DataCompleteness,
    long AcceptedMessages,
    long RefusedMessages,
    int LineCount,
    int LinesWithOee)
{
    /// <summary>Share of onboarded machines that reported in the window; null when none is onboarded.</summary>
    public double? ReportingShare => MachineCount > 0 ? (double)ReportingMachines / MachineCount : null;

    /// <summary>Refused / (accepted + refused); null when no message arrived.</summary>
    public double? RefusedRate => AcceptedMessages + RefusedMessages > 0 ? (double)RefusedMessages / (AcceptedMessages + RefusedMessages) : null;

    public bool OeeOnEveryLine => LineCount > 0 && LinesWithOee == LineCount;
}
