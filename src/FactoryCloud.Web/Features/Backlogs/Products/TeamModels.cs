using System.ComponentModel.DataAnnotations;
using FactoryCloud.Domain.Backlogs;

namespace FactoryCloud.Web.Features.Backlogs.Products;

public sealed record TeamView(Guid Id, string Name, string Description, IReadOnlyList<TeamMember> Members, IReadOnlyList<ServedAsset> Serves);

public sealed class TeamRequest : IValidatableObject
{
    [Required(ErrorMessage = "Enter a name.")]
    [StringLength(Team.NameMaxLength, ErrorMessage = "The name can be at most 100 characters.")]
    public string Name { get; set; } = "";

    [StringLength(2000)]
    public string Description { get; set; } = "";

    public List<TeamMember> Members { get; set; } = [];
    public List<ServedAsset> Serves { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Members.Count > 100) yield return new ValidationResult("A team has at most 100 members.", [nameof(Members)]);
        if (Members.Select(m => m.UserId).Distinct().Count() != Members.Count)
            yield return new ValidationResult("Each member appears once.", [nameof(Members)]);
        if (Members.Any(m => string.IsNullOrWhiteSpace(m.Name) || m.Name.Length > 200))
            yield return new ValidationResult("Each member needs a name of at most 200 characters.", [nameof(Members)]);
        if (Serves.Count > 500) yield return new ValidationResult("At most 500 served sites, lines or machines.", [nameof(Serves)]);
    }
}
