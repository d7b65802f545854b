namespace FactoryCloud.Domain.Notifications;

/// <summary>
/// When an open alert is told again. Escalation counts from when the alert was first told (a raise held by quiet
/// hours starts the clock at the shift's start), repeats from the latest notice. An alert never told (still held)
/// is neither escalated nor repeated; an acknowledged one neither: somebody is on it.
/// </summary>
public static class AlertNoticeSchedule
{
    public static AlertNoticeEvent? Due(
        AlertNotificationPolicy policy, bool open, DateTimeOffset? notifiedAt, DateTimeOffset? escalatedAt, DateTimeOffset? lastNotifiedAt, DateTimeOffset now)
    {
        if (!open || notifiedAt is not { } told || !policy.SendsAnything) return null;
        if (policy.EscalateAfterMinutes is { } escalate && escalatedAt is null && policy.EscalationRecipients.Count > 0
            && now >= told.AddMinutes(escalate))
            return AlertNoticeEvent.Escalated;
        if (policy.RepeatEveryMinutes is { } repeat && now >= (lastNotifiedAt ?? told).AddMinutes(repeat))
            return AlertNoticeEvent.Repeated;
        return null;
    }

    /// <summary>
    /// Whether the rule's notices wait: quiet outside shifts and no shift running at <paramref name="now"/>. A site
    /// without a shift calendar is never quiet (all time is production time there, as for the KPIs).
    /// </summary>
    public static bool IsQuiet(AlertNotificationPolicy policy, Kpis.WeeklyShiftCalendar? calendar, DateTimeOffset now) =>
        policy.QuietOutsideShifts && calendar is { HasProductionShifts: true } && calendar.ShiftAt(now) is null;

    /// <summary>When the next shift starts after <paramref name="now"/> (within a week), for a held notice.</summary>
    public static DateTimeOffset NextShiftStart(Kpis.WeeklyShiftCalendar calendar, DateTimeOffset now) =>
        calendar.ShiftsOverlapping(new Kpis.TimeWindow(now, now.AddDays(8))).Select(s => s.Window.Start).Where(s => s > now)
            .DefaultIfEmpty(now.AddHours(1)).Min();
}
