using System.Globalization;
using System.Text;
using FactoryCloud.Domain.Common;
using FactoryCloud.Domain.Maturity;

namespace FactoryCloud.Web.Features.Maturity;

/// <summary>An assessment's results as CSV (RFC 4180, comma-separated, invariant numbers), one row per dimension.</summary>
public static class MaturityCsv
{
    public const string Header = "assessment,scope,status,dimension,group,weight,current_stage,target_stage,gap,target_date,confidence,priority";

    public static string Write(AssessmentResults results)
    {
        var s = results.Summary;
        var priorities = results.Priorities.ToDictionary(p => p.Dimension.Key, p => p.Priority);
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var d in results.Score.Dimensions)
        {
            string[] fields =
            [
                s.Title, s.ScopeName, s.Status.ToString(), d.Name, d.Group.ToString(), Number(d.Weight),
                d.Current is { } c ? ((int)c).ToString(CultureInfo.InvariantCulture) : "",
                d.Target is { } t ? ((int)t).ToString(CultureInfo.InvariantCulture) : "",
                d.Gap?.ToString(CultureInfo.InvariantCulture) ?? "",
                d.TargetDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                d.Current is null ? "" : d.Confidence.ToString(),
                priorities.TryGetValue(d.Key, out var p) ? Number(p) : "",
            ];
            csv.AppendJoin(',', fields.Select(CsvText.Escape)).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
