using System.ComponentModel.DataAnnotations;
using FactoryCloud.Domain.AccessTokens;

namespace FactoryCloud.Web.Features.Account.Tokens;

/// <summary>The page's form for a new token; the same rules as the API, shown beside the fields.</summary>
public sealed class PersonalAccessTokenForm : IValidatableObject
{
    [Required(ErrorMessage = "Give the token a name.")]
    [StringLength(PersonalAccessTokenRules.NameLength, ErrorMessage = "Use at most 80 characters.")]
    public string? Name { get; set; }

    public TokenAccess Plants { get; set; } = TokenAccess.Read;
    public TokenAccess Backlogs { get; set; }
    public TokenAccess Maturity { get; set; }

    [Range(1, 365, ErrorMessage = "Choose between 1 and 365 days.")]
    public int ExpiresInDays { get; set; } = 90;

    public PersonalAccessTokenRequest ToRequest(DateTimeOffset now) =>
        new(Name, Plants, Backlogs, Maturity, now.AddDays(ExpiresInDays));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (new TokenScopes(Plants, Backlogs, Maturity).IsEmpty)
            yield return new ValidationResult("Give the token access to at least one area.", [nameof(Plants)]);
    }
}
