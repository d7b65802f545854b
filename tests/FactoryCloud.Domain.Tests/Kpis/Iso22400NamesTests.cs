using FactoryCloud.Domain.Kpis;

using Xunit;

namespace FactoryCloud.Domain.Tests.Kpis;

public class Iso22400NamesTests
{
    [Theory]
    [InlineData(nameof(KpiTotals.PlannedSeconds), "Planned busy time (PBT)")]
    [InlineData(nameof(KpiFigures.Performance), "Effectiveness")]
    [InlineData(nameof(KpiFigures.Quality), "Quality ratio")]
    [InlineData(nameof(KpiFigures.Mttr), "Mean time to restoration (MTTR)")]
    public void Our_names_map_to_iso_names(string member, string isoName)
    {
        Assert.Equal(isoName, Iso22400Names.ByMember[member]);
    }
}
