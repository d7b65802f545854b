using System.Globalization;

namespace FactoryCloud.Domain.Backlogs;

/// <summary>
/// Checks raw input against a field's kind and turns it into canonical text: numbers in invariant culture, dates as
/// <c>yyyy-MM-dd</c>, select options spelled as defined. Empty input means no value.
/// </summary>
public static class CustomFieldRules
{
    public const int MaxOptions = 50;

    public sealed record Outcome(IReadOnlyList<string> Values, string? Error)
    {
        public bool IsValid => Error is null;
    }

    public static Outcome Validate(CustomFieldDefinition field, IReadOnlyList<string>? raw)
    {
        var given = (raw ?? []).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        if (given.Count == 0)
            return field.Required ? Fail($"{field.Name} is required.") : new Outcome([], null);
        if (field.Kind != CustomFieldKind.MultiSelect && given.Count > 1)
            return Fail($"{field.Name} takes one value.");

        return field.Kind switch
        {
            CustomFieldKind.Text => given[0].Length <= CustomFieldValue.ValueMaxLength
                ? Ok(given[0]) : Fail($"{field.Name} is longer than {CustomFieldValue.ValueMaxLength} characters."),
            CustomFieldKind.Number => double.TryParse(given[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? Ok(number.ToString("R", CultureInfo.InvariantCulture)) : Fail($"{field.Name} must be a number, such as 12.5."),
            CustomFieldKind.Date => DateOnly.TryParseExact(given[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? Ok(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : Fail($"{field.Name} must be a date as yyyy-MM-dd."),
            _ => Options(field, given),
        };
    }

    /// <summary>Null when a definition is usable: selects need distinct, non-empty options; other kinds none.</summary>
    public static string? DefinitionProblem(CustomFieldKind kind, IReadOnlyList<string> options)
    {
        var isSelect = kind is CustomFieldKind.SingleSelect or CustomFieldKind.MultiSelect;
        if (!isSelect) return options.Count == 0 ? null : "Only select fields have options.";
        if (options.Count == 0) return "A select field needs at least one option.";
        if (options.Count > MaxOptions) return $"At most {MaxOptions} options.";
        if (options.Any(o => string.IsNullOrWhiteSpace(o) || o.Length > 100)) return "Options must have 1 to 100 characters.";
        return options.Select(o => o.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() == options.Count ? null : "Options must be distinct.";
    }

    private static Outcome Options(CustomFieldDefinition field, List<string> given)
    {
        var chosen = new List<string>();
        foreach (var value in given)
        {
            var option = field.Options.FirstOrDefault(o => string.Equals(o, value, StringComparison.OrdinalIgnoreCase));
            if (option is null) return Fail($"'{value}' is not an option of {field.Name} ({string.Join(", ", field.Options)}).");
            if (!chosen.Contains(option)) chosen.Add(option);
        }
        return new Outcome(chosen, null);
    }

    private static Outcome Ok(string value) => new([value], null);

    private static Outcome Fail(string error) => new([], error);
}
