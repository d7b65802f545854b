using System.Globalization;

namespace FactoryCloud.Web.Features.Backlogs.Shared;

/// <summary>Reads the point scale a person types ("0, 1, 2, 3, 5"); the rules themselves are the domain's <c>PointScale.Problem</c>.</summary>
public static class PointScaleText
{
    public static (List<double> Values, string? Error) Parse(string? text)
    {
        var values = new List<double>();
        foreach (var part in (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                return (values, $"'{part}' is not a number.");
            values.Add(value);
        }
        return (values, Domain.Backlogs.PointScale.Problem(values));
    }
}
