namespace FactoryCloud.Domain.Maturity.Evidence;

/// <summary>
/// One dimension's evidence rule: which figures it measures from the facts, and a ladder of stages. Every gathered
/// site starts at Ad hoc (or Not started, when <see cref="NotStartedWhen"/> says nothing is in place); it climbs one
/// rung at a time while every requirement of the next rung is met, so a stage also needs all the rungs below it.
/// Stages above the last rung are never suggested (<see cref="CeilingNote"/> says why). Pure: no clock, no I/O.
/// </summary>
public sealed class EvidenceRule
{
    public required EvidenceSource Source { get; init; }
    public required IReadOnlyList<FigureDefinition> Figures { get; init; }

    /// <summary>The figures from the facts, by figure key; null when the facts this rule reads were not gathered.</summary>
    public required Func<EvidenceFacts, IReadOnlyDictionary<string, double?>?> Measure { get; init; }

    /// <summary>Why nothing is in place yet (suggests Not started), or null.</summary>
    public Func<EvidenceFacts, string?> NotStartedWhen { get; init; } = _ => null;

    /// <summary>The Not started condition in words, for the rule text ("no machine is onboarded").</summary>
    public string? NotStartedRule { get; init; }

    /// <summary>Stages 2 and up, in order.</summary>
    public required IReadOnlyList<EvidenceRung> Rungs { get; init; }

    public string? CeilingNote { get; init; }

    public MaturityStage Ceiling => Rungs.Count == 0 ? MaturityStage.AdHoc : Rungs[^1].Stage;

    public IReadOnlyDictionary<string, double> DefaultThresholds =>
        Rungs.SelectMany(r => r.Requirements.Select(q => (Key: EvidenceRung.ThresholdKey(q.Figure, r.Stage), q.DefaultThreshold)))
            .ToDictionary(t => t.Key, t => t.DefaultThreshold);

    public FigureDefinition Figure(string key) => Figures.Single(f => f.Key == key);

    /// <summary>The threshold in force: the model's when it sets one, else the default.</summary>
    public double Threshold(IReadOnlyDictionary<string, double>? thresholds, EvidenceRung rung, EvidenceRequirement requirement) =>
        thresholds is not null && thresholds.TryGetValue(EvidenceRung.ThresholdKey(requirement.Figure, rung.Stage), out var t) ? t : requirement.DefaultThreshold;

    /// <summary>The measured figures, the suggested stage and the rule in words; null when the facts were not gathered.</summary>
    public EvidenceResult? Evaluate(EvidenceFacts facts, IReadOnlyDictionary<string, double>? thresholds = null)
    {
        if (Measure(facts) is not { } values) return null;
        var figures = Figures.Select(f => new EvidenceFigure(f.Key, f.Label, f.Unit, values.GetValueOrDefault(f.Key))).ToList();
        var rule = Describe(thresholds);
        if (NotStartedWhen(facts) is { } nothing) return new EvidenceResult(Source, figures, MaturityStage.NotStarted, rule, [nothing]);

        var stage = MaturityStage.AdHoc;
        var reasons = new List<string>();
        foreach (var rung in Rungs)
        {
            var unmet = rung.Requirements
                .Where(q => !q.IsMetBy(values.GetValueOrDefault(q.Figure), Threshold(thresholds, rung, q)))
                .Select(q => $"{Condition(rung, q, thresholds)} (now {figures.Single(f => f.Key == q.Figure).Display})")
                .ToList();
            if (unmet.Count > 0)
            {
                reasons.Add($"{rung.Stage.NumberedLabel()} needs {string.Join(", ", unmet)}.");
                break;
            }
            stage = rung.Stage;
        }
        if (stage == Ceiling && stage < MaturityStage.Optimized && CeilingNote is not null) reasons.Add(CeilingNote);
        if (stage == MaturityStage.Optimized) reasons.Add("Every requirement of every stage is met.");
        return new EvidenceResult(Source, figures, stage, rule, reasons);
    }

    /// <summary>The rule in words, one line per stage, with the thresholds in force.</summary>
    public IReadOnlyList<string> Describe(IReadOnlyDictionary<string, double>? thresholds = null)
    {
        var lines = new List<string>();
        if (NotStartedRule is not null) lines.Add($"{MaturityStage.NotStarted.NumberedLabel()}: {NotStartedRule}.");
        lines.Add($"{MaturityStage.AdHoc.NumberedLabel()}: {(NotStartedRule is null ? "the starting point" : "otherwise")}.");
        foreach (var rung in Rungs)
            lines.Add($"{rung.Stage.NumberedLabel()}: {string.Join(" and ", rung.Requirements.Select(q => Condition(rung, q, thresholds)))}.");
        if (Ceiling < MaturityStage.Optimized)
            lines.Add($"Above {Ceiling.NumberedLabel()}: not suggested{(CeilingNote is null ? "" : ": " + CeilingNote.TrimEnd('.'))}.");
        lines.Add("Each stage also needs every stage below it.");
        return lines;
    }

    /// <summary>What is wrong with an Owner's thresholds (unknown key, value out of range), keyed by threshold key.</summary>
    public IReadOnlyDictionary<string, string> Validate(IReadOnlyDictionary<string, double> thresholds)
    {
        var errors = new Dictionary<string, string>();
        var known = Rungs.SelectMany(r => r.Requirements.Select(q => (Key: EvidenceRung.ThresholdKey(q.Figure, r.Stage), Unit: Figure(q.Figure).Unit)))
            .ToDictionary(k => k.Key, k => k.Unit);
        foreach (var (key, value) in thresholds)
        {
            if (!known.TryGetValue(key, out var unit)) errors[key] = $"'{key}' is not a threshold of the {Source} rule.";
            else if (!FigureFormat.IsValidThreshold(unit, value)) errors[key] = unit switch
            {
                FigureUnit.Share => "A share is between 0 and 1.",
                FigureUnit.Flag => "A yes/no threshold is 0 or 1.",
                FigureUnit.Points => "A change of a share is between -1 and 1.",
                FigureUnit.Change => "A relative change is between -1 and 10.",
                _ => "The threshold cannot be negative.",
            };
        }
        return errors;
    }

    private string Condition(EvidenceRung rung, EvidenceRequirement q, IReadOnlyDictionary<string, double>? thresholds)
    {
        var figure = Figure(q.Figure);
        var threshold = Threshold(thresholds, rung, q);
        var label = InSentence(figure.Label);
        if (figure.Unit == FigureUnit.Flag) return $"{label}: {FigureFormat.Format(figure.Unit, threshold)}";
        return $"{label} {(q.Comparison == Comparison.AtLeast ? "≥" : "≤")} {FigureFormat.Format(figure.Unit, threshold)}";
    }

    /// <summary>"Machines online" reads "machines online" inside a sentence; "MQTT over TLS" keeps its capitals.</summary>
    private static string InSentence(string label) =>
        label.Length > 1 && char.IsUpper(label[1]) ? label : char.ToLowerInvariant(label[0]) + label[1..];
}
