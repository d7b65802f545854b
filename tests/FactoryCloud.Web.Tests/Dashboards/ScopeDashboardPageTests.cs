using Bunit;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Dashboards;
using FactoryCloud.Web.Features.Kpis;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Dashboards;

/// <summary>The machine and line dashboards against a real SQLite database (a 24/7 site in UTC).</summary>
public sealed class ScopeDashboardPageTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private SeededTenant _acme = default!;
    private Guid _line, _press, _saw;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _acme = await _database.SeedTenantAsync("Acme Works", ("vera@acme.test", "Vera", TenantRole.Viewer));
        var now = DateTimeOffset.UtcNow;
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        var site = new Site { Key = "p", Name = "Plant 1", TimeZone = "UTC" };
        var area = new Area { SiteId = site.Id, Key = "a", Name = "Assembly" };
        var line = new Line { AreaId = area.Id, Key = "l", Name = "Line 1" };
        var press = new Machine { LineId = line.Id, Key = "press-1", Name = "Press 1", IdealCycleTimeSeconds = 1 };
        var saw = new Machine { LineId = line.Id, Key = "saw-1", Name = "Saw 1", IdealCycleTimeSeconds = 1 };
        db.AddRange(site, area, line, press, saw);
        // Running since yesterday, so all of today so far; the saw has been down since then.
        db.MachineStateChanges.Add(new MachineStateChange { MachineId = press.Id, At = MachineStateChange.Normalize(now.AddDays(-1)), State = MachineState.Running });
        db.MachineStateChanges.Add(new MachineStateChange { MachineId = saw.Id, At = MachineStateChange.Normalize(now.AddDays(-1)), State = MachineState.Down, Reason = "jam" });
        db.MachineBuckets.Add(new MachineBucket
        {
            MachineId = press.Id, Size = BucketSize.Minute, Start = BucketSize.Minute.StartOf(now.AddSeconds(-1)),
            GoodCount = 40, ScrapCount = 2, IdealSecondsTotal = 42, IdealSecondsGood = 40, MessageCount = 1,
        });
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        (_line, _press, _saw) = (line.Id, press.Id, saw.Id);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task AMachineDashboardShowsItsKpisAndItsStateTimeline()
    {
        await using var ctx = CreateContext();

        var page = ctx.Render<ScopeDashboardPage>(p => p.Add(x => x.Segment, "machines").Add(x => x.Id, _press));

        page.WaitForAssertion(() => Assert.Equal("40 / 2", page.Find("[data-testid=kpi-counts] h6").TextContent));
        Assert.Equal("100.00 %", page.Find("[data-testid=kpi-availability] h6").TextContent);
        var bands = page.FindAll("[data-testid=timeline-interval]");
        Assert.Equal("Running", Assert.Single(bands).GetAttribute("data-state"));
        Assert.Empty(page.FindAll("[data-testid=machine-comparison]"));
        Assert.Contains("/api/v1/machines/" + _press + "/dashboard.csv?range=Today", page.Find("[data-testid=export-csv]").GetAttribute("href"));
    }

    [Fact]
    public async Task ALineDashboardSumsItsMachinesAndComparesThemSideBySide()
    {
        await using var ctx = CreateContext();

        var page = ctx.Render<ScopeDashboardPage>(p => p.Add(x => x.Segment, "lines").Add(x => x.Id, _line));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=comparison-row]").Count));
        // One machine ran all the time, the other was down: summed times give 50 %, not an average of anything else.
        Assert.Equal("50.00 %", page.Find("[data-testid=kpi-availability] h6").TextContent);
        Assert.Equal([_press.ToString(), _saw.ToString()], page.FindAll("[data-testid=comparison-row]").Select(r => r.GetAttribute("data-machine-id")));
        Assert.Single(page.FindAll("[data-testid=pareto-row]"));
        Assert.Empty(page.FindAll("[data-testid=state-timeline]"));
    }

    [Fact]
    public async Task ChoosingYesterdayReloadsForThatRange()
    {
        await using var ctx = CreateContext();
        var page = ctx.Render<ScopeDashboardPage>(p => p.Add(x => x.Segment, "machines").Add(x => x.Id, _press));
        page.WaitForAssertion(() => Assert.Equal("40 / 2", page.Find("[data-testid=kpi-counts] h6").TextContent));

        page.Find("[data-testid=range-Yesterday]").Click();

        page.WaitForAssertion(() => Assert.Equal("0 / 0", page.Find("[data-testid=kpi-counts] h6").TextContent));
        Assert.StartsWith("Yesterday", page.Find("[data-testid=dashboard-window]").TextContent.Trim());
    }

    [Fact]
    public async Task DraggingAcrossTheTimelineShowsTheKpisOfThatPartUntilTheZoomIsResetOrTheRangeChanges()
    {
        await using var ctx = CreateContext();
        ctx.JSInterop.Setup<StateTimelineBand.HorizontalBounds?>("factoryCloud.horizontalBounds", _ => true).SetResult(new(0, 1000));
        var page = ctx.Render<ScopeDashboardPage>(p => p.Add(x => x.Segment, "machines").Add(x => x.Id, _press));
        page.WaitForAssertion(() => Assert.Equal("40 / 2", page.Find("[data-testid=kpi-counts] h6").TextContent));
        page.Find("[data-testid=range-Last7Days]").Click();
        page.WaitForAssertion(() => Assert.StartsWith("Last 7 days", page.Find("[data-testid=dashboard-window]").TextContent.Trim()));

        // The first half of the last 7 days: the counts came in the last minute, so none of them are in it.
        await page.Find("[data-testid=timeline-drag]").PointerDownAsync(new PointerEventArgs { ClientX = 0, Button = 0 });
        await page.Find("[data-testid=timeline-drag]").PointerUpAsync(new PointerEventArgs { ClientX = 500 });

        page.WaitForAssertion(() => Assert.Equal("0 / 0", page.Find("[data-testid=kpi-counts] h6").TextContent));
        Assert.StartsWith("Zoomed into the timeline", page.Find("[data-testid=dashboard-window]").TextContent.Trim());
        Assert.NotEmpty(page.FindAll("[data-testid=timeline-interval]"));

        page.Find("[data-testid=zoom-reset]").Click();

        page.WaitForAssertion(() => Assert.Equal("40 / 2", page.Find("[data-testid=kpi-counts] h6").TextContent));
        Assert.StartsWith("Last 7 days", page.Find("[data-testid=dashboard-window]").TextContent.Trim());

        // Another range ends a zoom too.
        await page.Find("[data-testid=timeline-drag]").PointerDownAsync(new PointerEventArgs { ClientX = 0, Button = 0 });
        await page.Find("[data-testid=timeline-drag]").PointerUpAsync(new PointerEventArgs { ClientX = 500 });
        page.WaitForAssertion(() => Assert.Equal("0 / 0", page.Find("[data-testid=kpi-counts] h6").TextContent));
        page.Find("[data-testid=range-Today]").Click();
        page.WaitForAssertion(() => Assert.Equal("40 / 2", page.Find("[data-testid=kpi-counts] h6").TextContent));
        Assert.StartsWith("Today", page.Find("[data-testid=dashboard-window]").TextContent.Trim());
    }

    [Fact]
    public async Task AnAlertsLinkWithAtOpensTheDashboardZoomedIntoTheTwoHoursAroundThatInstant()
    {
        await using var ctx = CreateContext();
        // The link an alert notice carries: /dashboards/machines/{id}?at=<raised, ISO 8601 UTC>, three hours ago.
        var at = DateTimeOffset.UtcNow.AddHours(-3);
        at = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);

        var navigation = ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo($"dashboards/machines/{_press}?at={at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)}");

        var page = ctx.Render<ScopeDashboardPage>(p => p.Add(x => x.Segment, "machines").Add(x => x.Id, _press));

        // The counts came in the last minute: none in [at - 1 h, at + 1 h]; the machine ran throughout.
        page.WaitForAssertion(() => Assert.Equal("0 / 0", page.Find("[data-testid=kpi-counts] h6").TextContent));
        var window = page.Find("[data-testid=dashboard-window]").TextContent.Trim();
        Assert.StartsWith("Zoomed into the timeline", window, StringComparison.Ordinal);
        Assert.Contains(at.AddHours(-1).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " – ", window, StringComparison.Ordinal);
        Assert.Contains(at.AddHours(1).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " (", window, StringComparison.Ordinal);
        Assert.Contains(page.FindAll("[data-testid=timeline-interval]"), i => i.GetAttribute("data-state") == "Running");
    }

    [Fact]
    public async Task AnotherTenantsMachineIsNotFound()
    {
        var other = await _database.SeedTenantAsync("Other", ("olga@other.test", "Olga", TenantRole.Viewer));
        await using var ctx = WebTestContext.Create(_database);
        AddServices(ctx);
        ctx.SignIn(other.Member(TenantRole.Viewer), other.MembershipAs(TenantRole.Viewer));

        var page = ctx.Render<ScopeDashboardPage>(p => p.Add(x => x.Segment, "machines").Add(x => x.Id, _press));

        page.WaitForAssertion(() => Assert.Contains("does not exist", page.Find("[data-testid=empty-state]").TextContent));
    }

    private Bunit.BunitContext CreateContext()
    {
        var ctx = WebTestContext.Create(_database);
        AddServices(ctx);
        ctx.SignIn(_acme.Member(TenantRole.Viewer), _acme.MembershipAs(TenantRole.Viewer));
        return ctx;
    }

    private static void AddServices(Bunit.BunitContext ctx)
    {
        ctx.Services.AddKpiDashboards();
    }
}
