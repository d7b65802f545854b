using FactoryCloud.Domain.Kpis;

namespace FactoryCloud.Infrastructure.Notifications;

/// <summary>The shift calendar of the site a machine stands in, for quiet hours.</summary>
internal static class SiteCalendars
{
    public static async Task<WeeklyShiftCalendar?> ForMachineAsync(AppDbContext db, Guid machineId, CancellationToken ct)
    {
        var site = await (
            from m in db.Machines
            join l in db.Lines on m.LineId equals l.Id
            join a in db.Areas on l.AreaId equals a.Id
            join s in db.Sites on a.SiteId equals s.Id
            where m.Id == machineId
            select s).AsNoTracking().FirstOrDefaultAsync(ct);
        return site is null ? null : new WeeklyShiftCalendar(site.Shifts, WeeklyShiftCalendar.ZoneOf(site.TimeZone));
    }
}
