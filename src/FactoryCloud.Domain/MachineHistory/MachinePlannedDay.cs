namespace FactoryCloud.Domain.MachineHistory;

/// <summary>
/// One machine's planned-time roll-up for one whole UTC day: the sums of the buckets that cover the day's planned part
/// under its site's shift calendar, exactly what composing the day's planned windows from hour and minute buckets gives
/// (see <c>BucketPlan</c>), so a long window reads one row per machine and day instead of every planned hour and every
/// minute of the breaks. Valid only while <see cref="Key"/> equals <see cref="PlannedDayKey.Of"/> for the site's current
/// calendar and the tenant's current loss settings; written by the query side the first time a complete past day is read
/// (or by retention before it deletes the day's minute buckets), deleted by the processor when it writes into the day.
/// </summary>
public sealed class MachinePlannedDay : PlannedTimeRollup
{
    /// <summary>UTC midnight.</summary>
    public DateTimeOffset Day { get; set; }
}
