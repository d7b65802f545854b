using System.Globalization;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Infrastructure.Telemetry.Queries;
using FactoryCloud.Web.Features.Kpis;

namespace FactoryCloud.Web.Features.Dashboards;

/// <summary>
/// Builds the machine, line and site dashboards. The range is resolved in the site's time zone; the trend is per hour
/// for ranges up to two days, per local day up to 92 days, per week beyond, each step read from the buckets inside it. The KPIs, trend and
/// Pareto come from one <see cref="KpiData"/> load; a machine's timeline from <see cref="MachineTimeline"/>.
/// </summary>
public sealed class ScopeDashboardService(IDbContextFactory<AppDbContext> contexts, KpiService kpis, TimeProvider clock)
{
    public static readonly TimeSpan HourlyTrendUpTo = TimeSpan.FromDays(2);

    /// <summary>Beyond this the trend is per week: a year's trend reads about 53 week buckets per machine, not 8,760 hours.</summary>
    public static readonly TimeSpan DailyTrendUpTo = TimeSpan.FromDays(92);

    public Task<OperationResult<ScopeDashboard>> GetAsync(
        KpiScope scope, Guid id, TimeRangeKind range, DateOnly? customFrom = null, DateOnly? customTo = null, CancellationToken ct = default) =>
        GetAsync(scope, id, range, calendar => TimeRanges.Resolve(range, clock.GetUtcNow(), calendar, customFrom, customTo), ct);

    /// <summary>The dashboard over an exact window (a part of the state timeline chosen by zooming).</summary>
    public Task<OperationResult<ScopeDashboard>> GetAsync(KpiScope scope, Guid id, TimeWindow exact, CancellationToken ct = default) =>
        GetAsync(scope, id, TimeRangeKind.Custom, _ => exact.IsEmpty ? throw new ArgumentException("Choose a part of the timeline.") : exact, ct);

    private async Task<OperationResult<ScopeDashboard>> GetAsync(
        KpiScope scope, Guid id, TimeRangeKind range, Func<WeeklyShiftCalendar, TimeWindow> resolve, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await HeaderAsync(db, scope, id, ct) is not { } header) return Failure.NotFound($"The {scope.ToString().ToLowerInvariant()}");
        var calendar = new WeeklyShiftCalendar(header.Site.Shifts, WeeklyShiftCalendar.ZoneOf(header.Site.TimeZone));
        TimeWindow window;
        try
        {
            window = resolve(calendar);
        }
        catch (ArgumentException e)
        {
            return Failure.Invalid("to", e.Message);
        }

        var loaded = await kpis.LoadAsync(scope, id, window, perBucket: false, downtime: true,
            steps: evaluated => Steps(window, evaluated, calendar).Select(step => step.Window).ToList(), ct: ct);
        if (loaded.Failure is { } failure) return failure;
        var data = loaded.Value!;
        var ids = data.MachineIds.ToList();
        var names = await db.Machines.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);

        var trend = Steps(window, data.Evaluated, calendar)
            .Select(step => new TrendPoint(step.Window, step.Label, KpiResult.Of(data.Totals(ids, step.Window), ids.Count, step.Window)))
            .ToList();
        var machines = scope == KpiScope.Machine ? [] : ids
            .Select(m => new MachineComparison(m, names[m], KpiResult.Of(data.Totals(m), 1, window)))
            .OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        var timeline = scope == KpiScope.Machine ? await MachineTimeline.LoadAsync(db, id, data.Evaluated, data.Now, ct) : [];
        var measurements = scope == KpiScope.Machine ? await Measurements.LoadAsync(db, id, data.Evaluated, ct) : [];

        return new ScopeDashboard(scope, id, header.Name, calendar.Zone.Id, range, window,
            KpiResult.Of(data.Totals(ids), ids.Count, window), trend, DowntimePareto.Build(data.Downtime(ids)).ToList(),
            machines, timeline, measurements);
    }

    private sealed record Header(string Name, Domain.Plants.Site Site);

    private static async Task<Header?> HeaderAsync(AppDbContext db, KpiScope scope, Guid id, CancellationToken ct)
    {
        var query = scope switch
        {
            KpiScope.Machine => from m in db.Machines where m.Id == id
                                join l in db.Lines on m.LineId equals l.Id
                                join a in db.Areas on l.AreaId equals a.Id
                                join s in db.Sites on a.SiteId equals s.Id
                                select new Header(m.Name, s),
            KpiScope.Line => from l in db.Lines where l.Id == id
                             join a in db.Areas on l.AreaId equals a.Id
                             join s in db.Sites on a.SiteId equals s.Id
                             select new Header(l.Name, s),
            KpiScope.Area => from a in db.Areas where a.Id == id
                             join s in db.Sites on a.SiteId equals s.Id
                             select new Header(a.Name, s),
            _ => from s in db.Sites where s.Id == id select new Header(s.Name, s),
        };
        return await query.AsNoTracking().FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Hours (UTC hours, labelled in local time) up to two days, local days up to <see cref="DailyTrendUpTo"/>, weeks
    /// from Monday 00:00 UTC beyond (labelled with the local date they start on): each step is then one week bucket,
    /// but for the ragged first and last. Cut at now.
    /// </summary>
    private static IEnumerable<(TimeWindow Window, string Label)> Steps(TimeWindow window, TimeWindow evaluated, WeeklyShiftCalendar calendar)
    {
        if (evaluated.IsEmpty) yield break;
        string Local(DateTimeOffset instant, string format) => TimeZoneInfo.ConvertTime(instant, calendar.Zone).ToString(format, CultureInfo.InvariantCulture);
        if (window.Duration <= HourlyTrendUpTo)
        {
            foreach (var hour in new TimeWindow(window.Start, evaluated.End).Split(TimeSpan.FromHours(1)))
                yield return (hour, Local(hour.Start, "HH:mm"));
            yield break;
        }
        if (window.Duration > DailyTrendUpTo)
        {
            for (var week = BucketSize.Week.StartOf(window.Start); week < evaluated.End; week += BucketSize.Week.Length())
            {
                var step = new TimeWindow(week < window.Start ? window.Start : week, week + BucketSize.Week.Length());
                yield return (step, Local(step.Start, "MM-dd"));
            }
            yield break;
        }
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(window.Start, calendar.Zone).DateTime);
        for (var step = TimeRanges.Days(calendar, day, day); step.Start < evaluated.End; day = day.AddDays(1), step = TimeRanges.Days(calendar, day, day))
            yield return (step, day.ToString("MM-dd", CultureInfo.InvariantCulture));
    }
}
