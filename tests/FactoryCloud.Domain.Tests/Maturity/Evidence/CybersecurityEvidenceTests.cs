using FactoryCloud.Domain.Maturity;
using FactoryCloud.Domain.Maturity.Evidence;
using Xunit;

namespace FactoryCloud.Domain.Tests.Maturity.Evidence;

public class CybersecurityEvidenceTests
{
    private static EvidenceResult Evaluate(int audit = 10, bool tls = true, int perMachine = 10, int stale = 0, bool? twoFactor = true, int active = 10) =>
        CybersecurityEvidence.Rule.Evaluate(new EvidenceFacts(Cybersecurity: new CybersecurityFacts(active, perMachine, stale, tls, twoFactor, audit)))!;

    [Fact]
    public void WithoutAnAuditTrailInUseTheStageIsAdHoc() =>
        Assert.Equal(MaturityStage.AdHoc, Evaluate(audit: 0).Stage);

    [Theory]
    [InlineData(false, 10, MaturityStage.Developing)]
    [InlineData(true, 4, MaturityStage.Developing)]
    [InlineData(true, 5, MaturityStage.Established)] // half the credentials per machine
    [InlineData(true, 8, MaturityStage.Established)]
    [InlineData(true, 9, MaturityStage.Advanced)] // 90 %
    public void EstablishedNeedsTlsAndPerMachineCredentials(bool tls, int perMachine, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(tls: tls, perMachine: perMachine).Stage);

    [Theory]
    [InlineData(1, MaturityStage.Advanced)] // 10 % older than 90 days
    [InlineData(2, MaturityStage.Established)]
    public void AdvancedNeedsRotatedCredentials(int stale, MaturityStage expected) =>
        Assert.Equal(expected, Evaluate(stale: stale).Stage);

    [Fact]
    public void TwoFactorTheProductCannotSeeIsNoDataAndHoldsAdvanced()
    {
        var result = Evaluate(twoFactor: null);

        Assert.Equal(MaturityStage.Established, result.Stage);
        Assert.Equal("no data", result.Figures.Single(f => f.Key == CybersecurityEvidence.TwoFactor).Display);
        Assert.Contains("4 Advanced needs two-factor sign-in required: yes (now no data).", result.Reasons);
    }

    [Fact]
    public void NoCredentialsAtAllLeaveTheShareWithoutData() =>
        Assert.Equal(MaturityStage.Developing, Evaluate(active: 0, perMachine: 0).Stage);
}
