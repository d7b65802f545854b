namespace FactoryCloud.Domain.MachineHistory;

/// <summary>
/// The sum of one machine's seven <see cref="MachinePlannedDay"/> roll-ups of a UTC week (from Monday 00:00 UTC, a week
/// bucket and a dashboard's weekly trend step), under the same <see cref="PlannedTimeRollup.Key"/>: a year's trend reads
/// 52 rows per machine instead of 365. Written from the day rows in the transaction that holds the machines' row locks,
/// only when all seven exist; deleted with any of them (the processor's late write, a loss-sums rebuild, a day written
/// again under another key). Its first carried breakdown is that of the week's first day with planned time, the day
/// whose first planned start is the week's.
/// </summary>
public sealed class MachinePlannedWeek : PlannedTimeRollup
{
    /// <summary>Monday 00:00 UTC.</summary>
    public DateTimeOffset Week { get; set; }
}
