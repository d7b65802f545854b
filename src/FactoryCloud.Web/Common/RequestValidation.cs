using System.ComponentModel.DataAnnotations;

namespace FactoryCloud.Web.Common;

/// <summary>Validates request models with their data annotations, the same rules the UI forms show inline.</summary>
public static class RequestValidation
{
    public static Failure? Validate(object model)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true)) return null;
        var errors = results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Member: m, r.ErrorMessage)))
            .GroupBy(e => e.Member)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage ?? "Invalid value.").ToArray());
        return new Failure(FailureKind.Validation, "One or more fields are invalid.", errors);
    }
}
