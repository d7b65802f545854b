using static FactoryCloud.Domain.Maturity.Evidence.EvidenceRules;

namespace FactoryCloud.Domain.Maturity.Evidence;

/// <summary>
/// Cybersecurity: per-machine rather than shared gateway credentials, credentials older than 90 days, MQTT over TLS,
/// two-factor sign-in required, the audit trail in use.
/// </summary>
public static class CybersecurityEvidence
{
    public const string PerMachine = "per-machine-credentials-share", Stale = "stale-credentials-share", Tls = "tls-in-use",
        TwoFactor = "two-factor-required", Audit = "audit-entries";

    public static readonly EvidenceRule Rule = new()
    {
        Source = EvidenceSource.Cybersecurity,
        Figures =
        [
            new(PerMachine, "Device credentials per machine (not shared by a gateway)", FigureUnit.Share),
            new(Stale, $"Credentials older than {CybersecurityFacts.StaleAfterDays} days", FigureUnit.Share),
            new(Tls, "MQTT over TLS", FigureUnit.Flag),
            new(TwoFactor, "Two-factor sign-in required", FigureUnit.Flag),
            new(Audit, "Audit entries in the window", FigureUnit.Count),
        ],
        Measure = facts => facts.Cybersecurity is not { } f ? null : new Dictionary<string, double?>
        {
            [PerMachine] = Share(f.MachineCredentials, f.ActiveCredentials),
            [Stale] = Share(f.StaleCredentials, f.ActiveCredentials),
            [Tls] = Flag(f.TlsInUse),
            [TwoFactor] = Flag(f.TwoFactorRequired),
            [Audit] = f.AuditEntries,
        },
        Rungs =
        [
            Rung(MaturityStage.Developing, AtLeast(Audit, 1)),
            Rung(MaturityStage.Established, AtLeast(Tls, 1), AtLeast(PerMachine, 0.50)),
            Rung(MaturityStage.Advanced, AtLeast(PerMachine, 0.90), AtMost(Stale, 0.10), AtLeast(TwoFactor, 1)),
        ],
        CeilingNote = "Network segmentation, patching and incident response are not visible in the product's data: Optimized is for the assessors to judge.",
    };
}
