namespace FactoryCloud.Domain.Maturity;

public sealed record ComparedAssessment(string Label, AssessmentScore Score);

/// <summary>One dimension across the compared assessments: a stage per assessment (null where unanswered).</summary>
public sealed record ComparisonRow(string Key, string Name, IReadOnlyList<MaturityStage?> Stages)
{
    /// <summary>Highest minus lowest answered stage; 0 with fewer than two answers.</summary>
    public int Spread => Stages.OfType<MaturityStage>().Select(s => (int)s).DefaultIfEmpty().Max() - Stages.OfType<MaturityStage>().Select(s => (int)s).DefaultIfEmpty().Min();

    /// <summary>Indexes of the assessments at the highest stage.</summary>
    public IReadOnlyList<int> Leaders => Stages.OfType<MaturityStage>().Any()
        ? Stages.Select((s, i) => (s, i)).Where(x => x.s == Stages.Max()).Select(x => x.i).ToList()
        : [];
}

/// <summary>
/// Compares assessments dimension by dimension. Assessments may use different model versions: rows follow the
/// first assessment's dimension order, then any dimension only later ones have.
/// </summary>
public static class MaturityComparison
{
    public static IReadOnlyList<ComparisonRow> Compare(IReadOnlyList<ComparedAssessment> assessments)
    {
        var keys = new List<(string Key, string Name)>();
        foreach (var d in assessments.SelectMany(a => a.Score.Dimensions))
            if (keys.All(k => k.Key != d.Key)) keys.Add((d.Key, d.Name));
        return keys.Select(k => new ComparisonRow(k.Key, k.Name,
            assessments.Select(a => a.Score.Find(k.Key)?.Current).ToList())).ToList();
    }
}
