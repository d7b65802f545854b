using System.Globalization;
using System.Text.RegularExpressions;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;

namespace FactoryCloud.Web.Features.Kpis;

/// <summary>Validates the <c>from</c>/<c>to</c> query parameters (RFC 3339) into a window of whole UTC minutes.</summary>
public static partial class KpiQuery
{
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(400);

    /// <summary>
    /// from and to are required RFC 3339 instants with an offset, from &lt; to, to − from ≤ 400 days. The window
    /// is then widened to whole UTC minutes (from floored, to ceiled): minute buckets are the finest data kept.
    /// </summary>
    public static OperationResult<TimeWindow> Parse(string? from, string? to)
    {
        var parsedFrom = ParseInstant(from, "from");
        if (parsedFrom.Failure is { } fromFailure) return fromFailure;
        var parsedTo = ParseInstant(to, "to");
        if (parsedTo.Failure is { } toFailure) return toFailure;
        var (start, end) = (parsedFrom.Value, parsedTo.Value);
        if (start >= end) return Failure.Invalid("from", "'from' must be before 'to'.");
        if (end - start > MaxSpan) return Failure.Invalid("to", $"The window may span at most {MaxSpan.TotalDays:0} days.");

        return WholeMinutes(new TimeWindow(start, end));
    }

    /// <summary>The window widened to whole UTC minutes (start floored, end ceiled): minute buckets are the finest data kept.</summary>
    public static TimeWindow WholeMinutes(TimeWindow window)
    {
        var minuteStart = BucketSize.Minute.StartOf(window.Start);
        var minuteEnd = BucketSize.Minute.StartOf(window.End);
        if (minuteEnd < window.End) minuteEnd += BucketSize.Minute.Length();
        return new TimeWindow(minuteStart, minuteEnd);
    }

    private static OperationResult<DateTimeOffset> ParseInstant(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return Failure.Invalid(field, $"'{field}' is required.");
        if (!Rfc3339().IsMatch(value)
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return Failure.Invalid(field, $"'{field}' must be an RFC 3339 date-time with an offset, e.g. 2026-01-05T08:00:00Z.");
        return instant.ToUniversalTime();
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
