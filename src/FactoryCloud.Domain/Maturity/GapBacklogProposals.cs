namespace FactoryCloud.Domain.Maturity;

public sealed record StoryProposal(string Title, string Description, MaturityStage ForStage);

/// <summary>An epic proposed for one gap, linked to its dimension and assessment, with suggested stories.</summary>
public sealed record EpicProposal(
    Guid AssessmentId,
    string DimensionKey,
    string Title,
    string Description,
    MaturityStage Current,
    MaturityStage Target,
    DateOnly? TargetDate,
    IReadOnlyList<StoryProposal> Stories);

/// <summary>
/// Turns selected gaps into epic proposals for a backlog: one epic per selected dimension with an open gap, named for
/// what to do ("Raise Energy from 1 Ad hoc to 3 Established"), and one suggested story per improvement action of every
/// stage between the current one and the target (the action is the story's name). Dimensions that were not selected,
/// have no gap or are unknown to the model are skipped. Which stories are created is the user's choice
/// (<see cref="Keep"/>).
/// </summary>
public static class GapBacklogProposals
{
    public static IReadOnlyList<EpicProposal> For(
        MaturityModelDefinition model, Guid assessmentId, string assessmentTitle, AssessmentScore score, IEnumerable<string> selectedKeys)
    {
        var selected = selectedKeys.ToHashSet(StringComparer.Ordinal);
        var proposals = new List<EpicProposal>();
        foreach (var result in score.Dimensions)
        {
            if (!selected.Contains(result.Key) || result.Gap is not > 0 || model.Find(result.Key) is not { } dimension) continue;
            var (current, target) = (result.Current!.Value, result.Target!.Value);
            var stories = Enumerable.Range((int)current + 1, (int)target - (int)current)
                .Select(s => (MaturityStage)s)
                .SelectMany(stage => dimension.ActionsToReach(stage).Select(action => new StoryProposal(action,
                    $"Towards {stage.NumberedLabel()} in {dimension.Name}: {dimension.DescriptionOf(stage)}", stage)))
                .ToList();
            var due = result.TargetDate is { } date ? $" by {date:yyyy-MM-dd}" : "";
            proposals.Add(new EpicProposal(assessmentId, dimension.Key,
                $"Raise {dimension.Name} from {current.NumberedLabel()} to {target.NumberedLabel()}",
                $"Close the gap found in the assessment \"{assessmentTitle}\"{due}. Target: {dimension.DescriptionOf(target)}",
                current, target, result.TargetDate, stories));
        }
        return proposals;
    }

    /// <summary>
    /// The proposals with only the chosen stories: <paramref name="chosenStories"/> maps a dimension to the titles of
    /// its stories to create; a dimension it does not name keeps all of its stories (null keeps everything).
    /// </summary>
    public static IReadOnlyList<EpicProposal> Keep(IReadOnlyList<EpicProposal> proposals, IReadOnlyDictionary<string, List<string>>? chosenStories) =>
        chosenStories is null ? proposals : proposals.Select(p => chosenStories.TryGetValue(p.DimensionKey, out var titles)
            ? p with { Stories = p.Stories.Where(s => titles.Contains(s.Title, StringComparer.Ordinal)).ToList() }
            : p).ToList();
}
