using System.Globalization;
using FactoryCloud.Web.Common;
using FactoryCloud.Web.Features.Kpis;

namespace FactoryCloud.Web.Features.Maturity;

/// <summary>Asks the KPI service for a window given as instants (it takes the API's RFC 3339 strings).</summary>
public static class KpiWindowQueries
{
    public static Task<OperationResult<KpiResult>> GetAsync(this KpiService kpis, KpiScope scope, Guid id, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        kpis.GetAsync(scope, id, Rfc3339(from), Rfc3339(to), ct);

    private static string Rfc3339(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
