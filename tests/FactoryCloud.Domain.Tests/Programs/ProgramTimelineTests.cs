using FactoryCloud.Domain.Programs;
using Xunit;

namespace FactoryCloud.Domain.Tests.Programs;

public class ProgramTimelineTests
{
    [Fact]
    public void EventsRunOldestFirstAndOnOneDayInTheOrderOfTheLoop()
    {
        var day = new DateOnly(2027, 2, 1);
        var timeline = ProgramTimeline.Build(
        [
            new(day.AddDays(120), TimelineKind.Reassessment, "Re-assessment due", "", true),
            new(day, TimelineKind.KpiChange, "Availability", "", false),
            new(day, TimelineKind.Assessment, "Plant 1 2027", "", false),
            new(day.AddDays(-10), TimelineKind.EpicDone, "Raise connectivity", "", false),
            new(day, TimelineKind.Sprint, "Sprint 4", "", false),
        ]);

        Assert.Equal([TimelineKind.EpicDone, TimelineKind.Assessment, TimelineKind.Sprint, TimelineKind.KpiChange, TimelineKind.Reassessment], timeline.Select(e => e.Kind));
        Assert.Equal("2027 Q1", ProgramTimeline.Quarter(day));
        Assert.Equal("2027 Q4", ProgramTimeline.Quarter(new DateOnly(2027, 12, 31)));
    }
}
