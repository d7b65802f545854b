using System.ComponentModel.DataAnnotations;
using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Web.Features.Plants;

/// <summary>Name and key of any level of the ISA-95 hierarchy.</summary>
public class AssetRequest
{
    [Required(ErrorMessage = "Enter a key.")]
    [RegularExpression("^[a-z0-9-]{1,64}$", ErrorMessage = AssetKey.Rule)]
    public string Key { get; set; } = "";

    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(100, ErrorMessage = "The name can be at most 100 characters.")]
    public string Name { get; set; } = "";
}

public sealed class SiteRequest : AssetRequest, IValidatableObject
{
    [Required(ErrorMessage = "Choose a time zone.")]
    public string TimeZone { get; set; } = "UTC";

    public List<ShiftPattern> Shifts { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            yield return new ValidationResult($"'{TimeZone}' is not a known time zone (use an IANA id such as Europe/Berlin).", [nameof(TimeZone)]);
        if (Shifts.Count > 100)
            yield return new ValidationResult("At most 100 shift windows.", [nameof(Shifts)]);
        if (Shifts.Any(s => s.Start == s.End))
            yield return new ValidationResult("A shift window must not start and end at the same time.", [nameof(Shifts)]);
    }
}

public sealed class MachineRequest : AssetRequest, IValidatableObject
{
    [Range(0.001, 86_400, ErrorMessage = "The ideal cycle time must be between 0.001 and 86,400 seconds.")]
    public double IdealCycleTimeSeconds { get; set; } = 1.0;

    public Dictionary<string, double> ProductCycleTimes { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ProductCycleTimes.Count > 200)
            yield return new ValidationResult("At most 200 product cycle times.", [nameof(ProductCycleTimes)]);
        foreach (var (product, seconds) in ProductCycleTimes)
        {
            if (string.IsNullOrWhiteSpace(product) || product.Length > 64)
                yield return new ValidationResult("Product codes must be 1 to 64 characters.", [nameof(ProductCycleTimes)]);
            if (!double.IsFinite(seconds) || seconds is <= 0 or > 86_400)
                yield return new ValidationResult($"The cycle time of '{product}' must be between 0.001 and 86,400 seconds.", [nameof(ProductCycleTimes)]);
        }
    }
}

public sealed record SiteView(Guid Id, string Key, string Name, string TimeZone, IReadOnlyList<ShiftPattern> Shifts);
public sealed record AssetView(Guid Id, Guid ParentId, string Key, string Name);
public sealed record MachineView(Guid Id, Guid LineId, string Key, string Name, double IdealCycleTimeSeconds,
    IReadOnlyDictionary<string, double> ProductCycleTimes, DateTimeOffset? FirstSeenAt, DateTimeOffset? LastSeenAt);
