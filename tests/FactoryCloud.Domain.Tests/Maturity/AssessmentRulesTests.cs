using FactoryCloud.Domain.Maturity;
using Xunit;

namespace FactoryCloud.Domain.Tests.Maturity;

public class AssessmentWorkflowTests
{
    [Theory]
    [InlineData(AssessmentStatus.Draft, AssessmentStatus.Submitted, true)]
    [InlineData(AssessmentStatus.Submitted, AssessmentStatus.Approved, true)]
    [InlineData(AssessmentStatus.Submitted, AssessmentStatus.Draft, true)]
    [InlineData(AssessmentStatus.Draft, AssessmentStatus.Approved, false)]
    [InlineData(AssessmentStatus.Approved, AssessmentStatus.Draft, false)]
    [InlineData(AssessmentStatus.Approved, AssessmentStatus.Submitted, false)]
    public void OnlyTheWorkflowsStepsAreAllowed(AssessmentStatus from, AssessmentStatus to, bool allowed) =>
        Assert.Equal(allowed, AssessmentWorkflow.CanMove(from, to));

    [Fact]
    public void SubmittingNeedsEveryDimensionAnswered()
    {
        Assert.Equal("Answer every dimension before submitting (9 of 10 answered).",
            AssessmentWorkflow.Refusal(AssessmentStatus.Draft, AssessmentStatus.Submitted, 9, 10));
        Assert.Null(AssessmentWorkflow.Refusal(AssessmentStatus.Draft, AssessmentStatus.Submitted, 10, 10));
        Assert.Equal("An approved assessment is read-only.", AssessmentWorkflow.Refusal(AssessmentStatus.Approved, AssessmentStatus.Draft, 10, 10));
    }
}

public class AnswerRulesTests
{
    [Fact]
    public void AValidAnswerHasNoErrors() =>
        Assert.Empty(AnswerRules.Validate(MaturityStage.Developing, MaturityStage.Advanced, "notes", ["https://wiki.example/ot-map"]));

    [Fact]
    public void ATargetBelowTheCurrentStageIsRefused() =>
        Assert.Contains("TargetStage", AnswerRules.Validate(MaturityStage.Advanced, MaturityStage.Developing, null, null).Keys);

    [Fact]
    public void StagesOutsideZeroToFiveAreRefused()
    {
        Assert.Contains("Stage", AnswerRules.Validate((MaturityStage)6, null, null, null).Keys);
        Assert.Contains("TargetStage", AnswerRules.Validate(null, (MaturityStage)(-1), null, null).Keys);
    }

    [Theory]
    [InlineData("not a link")]
    [InlineData("ftp://files.example/report.pdf")]
    [InlineData("javascript:alert(1)")]
    public void EvidenceLinksMustBeWebLinks(string link) =>
        Assert.Contains("EvidenceLinks", AnswerRules.Validate(null, null, null, [link]).Keys);

    [Fact]
    public void NotesHaveALimit() =>
        Assert.Contains("Notes", AnswerRules.Validate(null, null, new string('x', MaturityAnswer.MaxNotesLength + 1), null).Keys);
}
