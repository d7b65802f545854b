using FactoryCloud.Domain.Maturity;
using Xunit;

namespace FactoryCloud.Domain.Tests.Maturity;

public class EvidenceSuggestionTests
{
    private static EvidenceFigures Figures(int machines = 10, int reporting = 10, double? completeness = 0.97,
        long accepted = 10_000, long refused = 0, int lines = 2, int linesWithOee = 2) =>
        new(machines, reporting, completeness, accepted, refused, lines, linesWithOee);

    private static MaturityStage Connectivity(EvidenceFigures f) => EvidenceSuggestion.Suggest(EvidenceSource.Connectivity, f)!.Stage;
    private static MaturityStage Data(EvidenceFigures f) => EvidenceSuggestion.Suggest(EvidenceSource.Data, f)!.Stage;

    [Fact]
    public void TheFiguresAreSharesOfMachinesAndMessages()
    {
        var f = Figures(machines: 8, reporting: 6, accepted: 990, refused: 10, lines: 3, linesWithOee: 2);

        Assert.Equal(0.75, f.ReportingShare);
        Assert.Equal(0.01, f.RefusedRate);
        Assert.False(f.OeeOnEveryLine);
        Assert.Null(Figures(machines: 0, reporting: 0).ReportingShare);
        Assert.Null(Figures(accepted: 0, refused: 0).RefusedRate);
        Assert.False(Figures(lines: 0, linesWithOee: 0).OeeOnEveryLine);
    }

    [Theory]
    [InlineData(10, 2, MaturityStage.AdHoc)]
    [InlineData(10, 3, MaturityStage.Developing)]
    [InlineData(10, 6, MaturityStage.Established)]
    [InlineData(10, 9, MaturityStage.Advanced)]
    [InlineData(50, 49, MaturityStage.Optimized)]
    public void ConnectivityFollowsTheShareOfMachinesReporting(int machines, int reporting, MaturityStage expected) =>
        Assert.Equal(expected, Connectivity(Figures(machines, reporting)));

    [Fact]
    public void ConnectivityIsNotStartedWithoutOnboardedMachines()
    {
        var suggestion = EvidenceSuggestion.Suggest(EvidenceSource.Connectivity, Figures(machines: 0, reporting: 0, completeness: null))!;

        Assert.Equal(MaturityStage.NotStarted, suggestion.Stage);
        Assert.Contains("No machine", suggestion.Reasons.Single());
    }

    [Fact]
    public void RefusedMessagesHoldConnectivityBack()
    {
        Assert.Equal(MaturityStage.Established, Connectivity(Figures(accepted: 980, refused: 20)));
        Assert.Equal(MaturityStage.Advanced, Connectivity(Figures(accepted: 9_980, refused: 20)));
        Assert.Equal(MaturityStage.Optimized, Connectivity(Figures(accepted: 10_000, refused: 5)));
    }

    [Fact]
    public void OptimizedConnectivityNeedsCompleteData()
    {
        var suggestion = EvidenceSuggestion.Suggest(EvidenceSource.Connectivity, Figures(completeness: 0.9))!;

        Assert.Equal(MaturityStage.Advanced, suggestion.Stage);
        Assert.Contains(suggestion.Reasons, r => r.Contains("95 % data completeness (now 90 %)"));
    }

    [Theory]
    [InlineData(0.1, MaturityStage.AdHoc)]
    [InlineData(0.5, MaturityStage.Developing)]
    [InlineData(0.75, MaturityStage.Established)]
    [InlineData(0.99, MaturityStage.Advanced)]
    public void DataFollowsTheCompletenessOfStateData(double completeness, MaturityStage expected) =>
        Assert.Equal(expected, Data(Figures(completeness: completeness)));

    [Fact]
    public void DataWithoutOeeOnEveryLineStaysDeveloping()
    {
        var suggestion = EvidenceSuggestion.Suggest(EvidenceSource.Data, Figures(completeness: 0.99, lines: 3, linesWithOee: 2))!;

        Assert.Equal(MaturityStage.Developing, suggestion.Stage);
        Assert.Contains("OEE is computed for 2 of 3 lines.", suggestion.Reasons);
    }

    [Fact]
    public void DataIsNeverSuggestedAboveAdvancedAndRefusalsHoldItAtEstablished()
    {
        Assert.Equal(MaturityStage.Advanced, Data(Figures(completeness: 1.0, refused: 0)));
        Assert.Equal(MaturityStage.Established, Data(Figures(completeness: 1.0, accepted: 950, refused: 50)));
        Assert.Equal(MaturityStage.NotStarted, Data(Figures(machines: 0, reporting: 0, completeness: null)));
    }

    [Fact]
    public void OtherDimensionsGetNoSuggestion() =>
        Assert.Null(EvidenceSuggestion.Suggest(EvidenceSource.None, Figures()));
}
