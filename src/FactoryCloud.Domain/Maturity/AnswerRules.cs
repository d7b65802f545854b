namespace FactoryCloud.Domain.Maturity;

/// <summary>What makes an answer valid, keyed by the field at fault (empty when valid).</summary>
public static class AnswerRules
{
    public static IReadOnlyDictionary<string, string[]> Validate(
        MaturityStage? stage, MaturityStage? target, string? notes, IReadOnlyList<string>? evidenceLinks)
    {
        var errors = new Dictionary<string, string[]>();
        if (stage is { } s && !MaturityStages.IsValid((int)s)) errors["Stage"] = ["A stage is 0 to 5."];
        if (target is { } t && !MaturityStages.IsValid((int)t)) errors["TargetStage"] = ["A target stage is 0 to 5."];
        else if (stage is { } current && target is { } goal && goal < current)
            errors["TargetStage"] = ["The target stage cannot be below the current stage."];
        if (notes?.Length > MaturityAnswer.MaxNotesLength) errors["Notes"] = [$"Notes have at most {MaturityAnswer.MaxNotesLength} characters."];
        var links = evidenceLinks ?? [];
        if (links.Count > MaturityAnswer.MaxEvidenceLinks) errors["EvidenceLinks"] = [$"At most {MaturityAnswer.MaxEvidenceLinks} evidence links."];
        else if (links.FirstOrDefault(l => !IsWebLink(l)) is { } bad) errors["EvidenceLinks"] = [$"'{bad}' is not an http(s) link."];
        return errors;
    }

    public static bool IsWebLink(string? link) =>
        link?.Length <= 2000 && Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
