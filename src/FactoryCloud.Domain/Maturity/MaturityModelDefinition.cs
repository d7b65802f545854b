using System.Text.RegularExpressions;

namespace FactoryCloud.Domain.Maturity;

/// <summary>The content of a maturity model: its dimensions. Stored as one document per model version.</summary>
public sealed partial class MaturityModelDefinition
{
    public const int MaxDimensions = 30;
    public const int MaxTextLength = 2000;

    public List<MaturityDimension> Dimensions { get; set; } = [];

    public MaturityDimension? Find(string key) => Dimensions.FirstOrDefault(d => d.Key == key);

    public MaturityModelDefinition Copy() => new() { Dimensions = Dimensions.Select(d => d.Copy()).ToList() };

    /// <summary>What is wrong with the definition, keyed by the field at fault (empty when valid).</summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        if (Dimensions.Count is 0 or > MaxDimensions) Add("Dimensions", $"A model needs 1 to {MaxDimensions} dimensions.");
        foreach (var duplicate in Dimensions.GroupBy(d => d.Key).Where(g => g.Count() > 1))
            Add("Dimensions", $"The key '{duplicate.Key}' is used by more than one dimension.");
        for (var i = 0; i < Dimensions.Count; i++)
        {
            var d = Dimensions[i];
            var at = $"Dimensions[{i}]";
            if (!KeyPattern().IsMatch(d.Key ?? "")) Add($"{at}.Key", "A key has 1 to 64 characters a-z, 0-9 or '-'.");
            if (string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > 100) Add($"{at}.Name", "A name has 1 to 100 characters.");
            if (!(d.Weight > 0 && d.Weight <= MaturityDimension.MaxWeight)) Add($"{at}.Weight", $"A weight is above 0 and at most {MaturityDimension.MaxWeight}.");
            if (d.StageDescriptions.Count != 5 || d.StageDescriptions.Any(string.IsNullOrWhiteSpace))
                Add($"{at}.StageDescriptions", "Describe each of the five stages.");
            if (d.ImprovementActions.Count is not (0 or 5)) Add($"{at}.ImprovementActions", "Give improvement actions for each of the five stages, or none.");
            if (d.StageDescriptions.Append(d.NotStartedDescription).Concat(d.Questions).Concat(d.ImprovementActions.SelectMany(a => a)).Any(t => t?.Length > MaxTextLength))
                Add(at, $"Texts have at most {MaxTextLength} characters.");
            if (!Enum.IsDefined(d.Evidence)) Add($"{at}.Evidence", "Unknown evidence source.");
            else if (Evidence.EvidenceRules.For(d.Evidence) is { } rule)
                foreach (var (key, message) in rule.Validate(d.EvidenceThresholds ?? []))
                    Add($"{at}.EvidenceThresholds[{key}]", message);
            else if (d.EvidenceThresholds is { Count: > 0 }) Add($"{at}.EvidenceThresholds", "This dimension has no evidence rule, so it takes no thresholds.");
            if (d.ValueLevers is { } levers)
            {
                if (!InRange(levers.AvailabilityPerStage, KpiLevers.MaxAvailabilityPerStage))
                    Add($"{at}.ValueLevers.AvailabilityPerStage", $"Availability won per stage is a share from 0 to {KpiLevers.MaxAvailabilityPerStage:0.##}.");
                if (!InRange(levers.ScrapCutPerStage, KpiLevers.MaxCutPerStage))
                    Add($"{at}.ValueLevers.ScrapCutPerStage", $"The scrap cut per stage is a share from 0 to {KpiLevers.MaxCutPerStage:0.##}.");
                if (!InRange(levers.EnergyCutPerStage, KpiLevers.MaxCutPerStage))
                    Add($"{at}.ValueLevers.EnergyCutPerStage", $"The energy cut per stage is a share from 0 to {KpiLevers.MaxCutPerStage:0.##}.");
            }
        }
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static bool InRange(double value, double max) => double.IsFinite(value) && value >= 0 && value <= max;

    [GeneratedRegex("^[a-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
