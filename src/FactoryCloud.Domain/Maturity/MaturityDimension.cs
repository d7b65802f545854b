namespace FactoryCloud.Domain.Maturity;

/// <summary>
/// One dimension of a maturity model: what each stage (1..5) looks like, the questions that help assessors place
/// a site, its weight in the overall score (also its impact in prioritisation) and the improvement actions that
/// lead to each stage (they become suggested stories).
/// </summary>
public sealed class MaturityDimension
{
    public const int MaxWeight = 10;

    /// <summary>Stable id within the model (<c>[a-z0-9-]</c>); answers refer to it.</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }
    public DimensionGroup Group { get; set; }
    public double Weight { get; set; } = 1.0;
    public EvidenceSource Evidence { get; set; }

    /// <summary>
    /// The evidence rule's thresholds this model uses, by key ("streaming-share.3"); a key not set uses the rule's
    /// default. Part of the versioned model, so an Owner tunes them by editing the model.
    /// </summary>
    public Dictionary<string, double> EvidenceThresholds { get; set; } = [];

    /// <summary>
    /// The KPIs one stage climbed on this dimension moves (its value levers), used for a gap's expected value. Part of
    /// the versioned model, so an Owner tunes them by editing the model. Null only in versions saved before levers
    /// were stored: those use <see cref="GapValueEstimate.LeversOf(string, EvidenceSource)"/>, the values they were
    /// valued with then (see <see cref="EffectiveLevers"/>).
    /// </summary>
    public KpiLevers? ValueLevers { get; set; }

    public List<string> Questions { get; set; } = [];

    /// <summary>Exactly five: the descriptions of stages 1 (Ad hoc) to 5 (Optimized).</summary>
    public List<string> StageDescriptions { get; set; } = [];

    /// <summary>
    /// Stage 0's description, when the model's scale starts with something in place (the Industrie 4.0 index template
    /// starts at computerisation); null or blank: <see cref="NothingInPlace"/>.
    /// </summary>
    public string? NotStartedDescription { get; set; }

    public const string NothingInPlace = "Nothing is in place yet for this dimension.";

    /// <summary>Five lists: what to do to reach stage 1, 2, 3, 4 and 5.</summary>
    public List<List<string>> ImprovementActions { get; set; } = [];

    public string DescriptionOf(MaturityStage stage) =>
        stage == MaturityStage.NotStarted
            ? string.IsNullOrWhiteSpace(NotStartedDescription) ? NothingInPlace : NotStartedDescription
            : StageDescriptions.ElementAtOrDefault((int)stage - 1) ?? "";

    /// <summary>The actions leading to <paramref name="stage"/>; none for stage 0.</summary>
    public IReadOnlyList<string> ActionsToReach(MaturityStage stage) =>
        stage == MaturityStage.NotStarted ? [] : ImprovementActions.ElementAtOrDefault((int)stage - 1) ?? [];

    /// <summary>The levers this version stores, else the product's levers for the dimension's key and evidence rule.</summary>
    public KpiLevers EffectiveLevers(EvidenceSource? evidence = null) => ValueLevers ?? GapValueEstimate.LeversOf(Key, evidence ?? Evidence);

    public MaturityDimension Copy() => new()
    {
        Key = Key, Name = Name, Group = Group, Weight = Weight, Evidence = Evidence, ValueLevers = ValueLevers,
        EvidenceThresholds = new Dictionary<string, double>(EvidenceThresholds),
        Questions = [.. Questions], StageDescriptions = [.. StageDescriptions], NotStartedDescription = NotStartedDescription,
        ImprovementActions = ImprovementActions.Select(a => a.ToList()).ToList(),
    };
}
