namespace FactoryCloud.Domain.Maturity;

/// <summary>One dimension then and now: the stage of the previous assessment, this one's, and the change in stages.</summary>
public sealed record DimensionChange(string Key, string Name, MaturityStage? Previous, MaturityStage? Current)
{
    /// <summary>Stages gained (negative: lost); null unless both assessments answered the dimension.</summary>
    public int? Change => Previous is { } p && Current is { } c ? (int)c - (int)p : null;
}

/// <summary>An assessment against the previous one of the same site: per dimension and overall.</summary>
public sealed record AssessmentChange(IReadOnlyList<DimensionChange> Dimensions, double? PreviousOverall, double? CurrentOverall)
{
    public double? OverallChange => PreviousOverall is { } p && CurrentOverall is { } c ? c - p : null;
}

/// <summary>
/// Re-assessment rules. A new assessment of a site with a previous one starts from that one's answers (stage,
/// target, target date, confidence, notes and evidence links) for every dimension the new model still has; the
/// assessors then change what moved, with the current evidence's suggested stage shown beside each dimension. A
/// dimension the previous assessment left without a stage starts from the stage the product's data suggests
/// (<see cref="FillFromEvidence"/>), with low confidence and a note saying so, for the assessors to confirm. The
/// results compare dimension by dimension, in the current model's order (a dimension the previous model did not have
/// shows no previous stage). The next re-assessment is due six months after the latest assessment was taken, or at
/// the earliest open target date if that comes first, unless an Owner or Admin set its date on the assessment (from
/// the day it was taken to <see cref="MaxYearsAhead"/> years later).
/// </summary>
public static class Reassessment
{
    public const int MonthsBetweenAssessments = 6;
    public const int MaxYearsAhead = 5;

    /// <summary>The previous answers to copy into a new assessment taken with <paramref name="model"/>.</summary>
    public static IReadOnlyList<MaturityAnswer> Prefill(MaturityModelDefinition model, IEnumerable<MaturityAnswer> previous, Guid newAssessmentId, DateTimeOffset now)
    {
        var keys = model.Dimensions.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        return previous.Where(a => keys.Contains(a.DimensionKey))
            .GroupBy(a => a.DimensionKey).Select(g => g.Last())
            .Select(a => new MaturityAnswer
            {
                AssessmentId = newAssessmentId, DimensionKey = a.DimensionKey, Stage = a.Stage, Confidence = a.Confidence, Notes = a.Notes,
                EvidenceLinks = [.. a.EvidenceLinks],
                // A target already reached is no target any more: the assessors set the next one.
                TargetStage = a.TargetStage is { } t && a.Stage is { } s && t <= s ? null : a.TargetStage,
                TargetDate = a.TargetStage is { } t2 && a.Stage is { } s2 && t2 <= s2 ? null : a.TargetDate,
                UpdatedAt = now,
            }).ToList();
    }

    /// <summary>
    /// The pre-filled answers with every dimension of <paramref name="model"/> that has no stage yet, but a stage
    /// <paramref name="suggested"/> by the product's data, filled with that stage: low confidence and a note naming
    /// the source, since no one has assessed it yet. Answered dimensions keep the assessors' stage.
    /// </summary>
    public static IReadOnlyList<MaturityAnswer> FillFromEvidence(
        MaturityModelDefinition model, IReadOnlyList<MaturityAnswer> prefilled, IReadOnlyDictionary<string, MaturityStage> suggested,
        Guid newAssessmentId, DateTimeOffset now)
    {
        var byKey = prefilled.ToDictionary(a => a.DimensionKey, StringComparer.Ordinal);
        var answers = new List<MaturityAnswer>(prefilled);
        foreach (var dimension in model.Dimensions)
        {
            if (!suggested.TryGetValue(dimension.Key, out var stage)) continue;
            if (byKey.TryGetValue(dimension.Key, out var answer))
            {
                if (answer.Stage is not null) continue;
            }
            else
            {
                answer = new MaturityAnswer { AssessmentId = newAssessmentId, DimensionKey = dimension.Key, UpdatedAt = now };
                answers.Add(answer);
            }
            answer.Stage = stage;
            answer.Confidence = AnswerConfidence.Low;
            var notes = string.IsNullOrWhiteSpace(answer.Notes) ? EvidenceNote(now) : EvidenceNote(now) + "\n\n" + answer.Notes;
            answer.Notes = notes.Length > MaturityAnswer.MaxNotesLength ? notes[..MaturityAnswer.MaxNotesLength] : notes;
        }
        return answers;
    }

    /// <summary>The note on an answer pre-filled from the product's data.</summary>
    public static string EvidenceNote(DateTimeOffset at) =>
        $"Pre-filled from FactoryCloud's own data on {at:yyyy-MM-dd}: the previous assessment left this dimension open. Confirm or change it.";

    public static AssessmentChange Compare(AssessmentScore previous, AssessmentScore current)
    {
        var rows = current.Dimensions.Select(d => new DimensionChange(d.Key, d.Name, previous.Find(d.Key)?.Current, d.Current)).ToList();
        return new AssessmentChange(rows, previous.Overall, current.Overall);
    }

    /// <summary>The date the next assessment is due: the one set, else the computed one.</summary>
    public static DateOnly NextDue(DateOnly? set, DateTimeOffset takenAt, IEnumerable<DateOnly> openTargetDates) => set ?? NextDue(takenAt, openTargetDates);

    /// <summary>Why <paramref name="date"/> cannot be the next re-assessment of an assessment taken at <paramref name="takenAt"/>; null when it can.</summary>
    public static string? RefuseNextDate(DateOnly date, DateTimeOffset takenAt)
    {
        var taken = DateOnly.FromDateTime(takenAt.UtcDateTime);
        if (date < taken) return $"The next re-assessment cannot come before this assessment was taken ({taken:yyyy-MM-dd}).";
        if (date > taken.AddYears(MaxYearsAhead)) return $"The next re-assessment is at most {MaxYearsAhead} years after this one.";
        return null;
    }

    /// <summary>The date the next assessment is due, computed (see the class summary).</summary>
    public static DateOnly NextDue(DateTimeOffset takenAt, IEnumerable<DateOnly> openTargetDates)
    {
        var taken = DateOnly.FromDateTime(takenAt.UtcDateTime);
        var regular = taken.AddMonths(MonthsBetweenAssessments);
        var earliestTarget = openTargetDates.Where(d => d > taken).DefaultIfEmpty(DateOnly.MaxValue).Min();
        return earliestTarget < regular ? earliestTarget : regular;
    }
}
