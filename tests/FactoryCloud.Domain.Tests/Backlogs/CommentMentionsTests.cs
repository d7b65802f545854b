using FactoryCloud.Domain.Backlogs;

namespace FactoryCloud.Domain.Tests.Backlogs;

public sealed class CommentMentionsTests
{
    private static readonly Guid Ann = Guid.Parse("0190a1b2-0000-7000-8000-000000000001");
    private static readonly Guid AnnLee = Guid.Parse("0190a1b2-0000-7000-8000-000000000002");

    [Fact]
    public void PickedNamesBecomeTokensLongestFirstAndParseBackToTheIdsOnce()
    {
        var text = CommentMentions.Encode("@Ann Lee and @Ann, again @Ann", [new("Ann", Ann), new("Ann Lee", AnnLee)]);

        Assert.Equal($"<@{AnnLee}> and <@{Ann}>, again <@{Ann}>", text);
        Assert.Equal([AnnLee, Ann], CommentMentions.Parse(text));
    }

    [Fact]
    public void DisplayShowsCurrentNamesAndUnknownIdsAsUnknownAndDecodeRestoresWhatWasPicked()
    {
        var text = $"<@{Ann}> see <@{AnnLee}>";
        static string? NameOf(Guid id) => id == Ann ? "Ann Smith" : null;

        Assert.Equal("@Ann Smith see @unknown member", CommentMentions.Display(text, NameOf));
        var (decoded, picked) = CommentMentions.Decode(text, NameOf);
        Assert.Equal($"@Ann Smith see <@{AnnLee}>", decoded);
        Assert.Equal(text, CommentMentions.Encode(decoded, picked));
    }

    [Theory]
    [InlineData("Hello @an", "an")]
    [InlineData("@", "")]
    [InlineData("(@Ann Le", "Ann Le")]
    [InlineData("mail me at ann@example.com", null)]
    [InlineData("@Ann\nnext line", null)]
    [InlineData("no mention", null)]
    public void TheWordBeingTypedAfterAnAtSignIsWhatSuggestionsFilterOn(string text, string? expected) =>
        Assert.Equal(expected, CommentMentions.TypingAtEnd(text));

    [Fact]
    public void CreatorAndAssigneeWatchUntilTheyStopAndOthersWatchWhenTheyStart()
    {
        var creator = Guid.NewGuid();
        var assignee = Guid.NewGuid();
        var other = Guid.NewGuid();
        var choices = new[]
        {
            new WorkItemWatch { UserId = creator, Watching = false },
            new WorkItemWatch { UserId = other, Watching = true },
        };

        Assert.Equal(new HashSet<Guid> { assignee, other }, WorkItemWatch.Watchers(creator, assignee, choices));
        Assert.Equal(new HashSet<Guid> { creator }, WorkItemWatch.Watchers(creator, null, []));
    }
}
