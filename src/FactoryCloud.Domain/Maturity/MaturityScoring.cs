namespace FactoryCloud.Domain.Maturity;

/// <summary>
/// Scores an assessment against the model version it was taken with. Overall = Σ(weight × stage) / Σ weight over
/// the answered dimensions, so an unanswered dimension neither drags the score down nor counts as zero; the
/// target score does the same over the dimensions with a target. Answers for keys the model does not have are ignored.
/// </summary>
public static class MaturityScoring
{
    public static AssessmentScore Score(MaturityModelDefinition model, IEnumerable<DimensionAnswer> answers)
    {
        var byKey = answers.GroupBy(a => a.DimensionKey).ToDictionary(g => g.Key, g => g.Last());
        var results = model.Dimensions.Select(d =>
        {
            var answer = byKey.GetValueOrDefault(d.Key);
            return new DimensionResult(d.Key, d.Name, d.Group, d.Weight, answer?.Stage, answer?.TargetStage, answer?.TargetDate,
                answer?.Confidence ?? AnswerConfidence.Medium);
        }).ToList();

        var groups = Enum.GetValues<DimensionGroup>()
            .Where(g => results.Any(r => r.Group == g))
            .Select(g => new GroupScore(g, WeightedMean(results.Where(r => r.Group == g), r => r.Current),
                WeightedMean(results.Where(r => r.Group == g), r => r.Target)))
            .ToList();

        return new AssessmentScore(
            WeightedMean(results, r => r.Current), WeightedMean(results, r => r.Target),
            results.Count(r => r.Current is not null), results, groups);
    }

    private static double? WeightedMean(IEnumerable<DimensionResult> results, Func<DimensionResult, MaturityStage?> stage)
    {
        double weighted = 0, weights = 0;
        foreach (var r in results)
        {
            if (stage(r) is not { } s) continue;
            weighted += r.Weight * (int)s;
            weights += r.Weight;
        }
        return weights > 0 ? weighted / weights : null;
    }
}
