using Bunit;
using FactoryCloud.Domain.Kpis;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Dashboards;
using FactoryCloud.Web.Features.Kpis;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Dashboards;

public sealed class TileLookTests
{
    [Theory]
    [InlineData(MachineState.Running, "Running", TileLook.Green)]
    [InlineData(MachineState.Idle, "Idle", TileLook.Amber)]
    [InlineData(MachineState.Down, "Down", TileLook.Red)]
    [InlineData(MachineState.Changeover, "Changeover", TileLook.Blue)]
    [InlineData(MachineState.PlannedStop, "Planned stop", TileLook.Grey)]
    [InlineData(MachineState.Offline, "Offline", TileLook.DarkGrey)]
    public void EachStateHasItsLabelAndColour(MachineState state, string label, string color)
    {
        var look = TileLook.Of(state);
        Assert.Equal(label, look.Label);
        Assert.Equal(color, look.Color);
    }

    [Fact]
    public void AMachineWithoutAnyStateReadsNoDataInDarkGrey() =>
        Assert.Equal(new TileLook("No data", TileLook.DarkGrey), TileLook.Of(null));

    [Fact]
    public void EveryStateHasADistinctLookExceptOfflineAndNoDataWhichShareDarkGrey()
    {
        var colours = Enum.GetValues<MachineState>().Where(s => s != MachineState.Offline).Select(s => TileLook.Of(s).Color).ToList();
        Assert.Equal(colours.Count, colours.Distinct().Count());
    }

    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(45, "45 s")]
    [InlineData(12 * 60 + 5, "12 min")]
    [InlineData(3 * 3600 + 5 * 60, "3 h 05 min")]
    [InlineData(2 * 86400 + 4 * 3600, "2 d 4 h")]
    [InlineData(-5, "0 s")] // a clock slightly behind the device's
    public void TimeInStateIsFormattedCoarselyForATile(int seconds, string expected) =>
        Assert.Equal(expected, OverviewFormat.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void OeeReadsAsAPercentageOrSaysThereWasNoPlannedTime()
    {
        Assert.Equal("72.5 %", OverviewFormat.Oee(0.725));
        Assert.Equal("no planned time", OverviewFormat.Oee(null));
        Assert.Equal("–", OverviewFormat.Duration(null));
    }
}

public sealed class PlantOverviewBuildTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TilesGroupUnderTheirLineAndLinesUnderTheirAreaAndSite()
    {
        var site = new Site { Key = "p", Name = "Plant" };
        var assembly = new Area { SiteId = site.Id, Key = "a", Name = "Assembly" };
        var welding = new Area { SiteId = site.Id, Key = "w", Name = "Welding" };
        var line1 = new Line { AreaId = assembly.Id, Key = "l1", Name = "Line 1" };
        var line2 = new Line { AreaId = assembly.Id, Key = "l2", Name = "Line 2" };
        var weldLine = new Line { AreaId = welding.Id, Key = "wl", Name = "Weld line" };
        var press = new Machine { LineId = line1.Id, Key = "press", Name = "Press" };
        var bender = new Machine { LineId = line1.Id, Key = "bend", Name = "Bender" };
        var robot = new Machine { LineId = line2.Id, Key = "robot", Name = "Robot" };
        var welder = new Machine { LineId = weldLine.Id, Key = "weld", Name = "Welder" };
        var changes = new[]
        {
            new MachineStateChange { MachineId = press.Id, At = Now.AddMinutes(-90), State = MachineState.Running },
            new MachineStateChange { MachineId = press.Id, At = Now.AddMinutes(-7), State = MachineState.Down },
            new MachineStateChange { MachineId = robot.Id, At = Now.AddSeconds(-30), State = MachineState.Idle },
        };
        var kpis = new Dictionary<Guid, TileKpis> { [press.Id] = new(0.5, LossCategory.Breakdown), [line1.Id] = new(0.4, LossCategory.Idle) };
        var window = new TimeWindow(Now.Date, Now);

        var overview = PlantOverviewService.Build([site], [welding, assembly], [line2, weldLine, line1], [robot, welder, press, bender],
            changes, kpis, new Dictionary<Guid, TimeWindow> { [site.Id] = window }, Now, TimeRangeKind.Today);

        Assert.Equal(4, overview.MachineCount);
        var plant = Assert.Single(overview.Sites);
        Assert.Equal(["Assembly", "Welding"], plant.Areas.Select(a => a.Name));
        Assert.Equal(["Line 1", "Line 2"], plant.Areas[0].Lines.Select(l => l.Name));
        var first = plant.Areas[0].Lines[0];
        Assert.Equal([bender.Id, press.Id], first.Machines.Select(m => m.Id)); // by name
        Assert.Equal(0.4, first.Oee);
        Assert.Equal(LossCategory.Idle, first.Kpis.TopLoss);
        Assert.Equal(window, plant.Window);
        Assert.Equal([robot.Id], plant.Areas[0].Lines[1].Machines.Select(m => m.Id));
        Assert.Equal([welder.Id], Assert.Single(plant.Areas[1].Lines).Machines.Select(m => m.Id));

        // The latest change is the current state; time in state is now − its At.
        var pressTile = first.Machines[1];
        Assert.Equal(MachineState.Down, pressTile.State);
        Assert.Equal(TimeSpan.FromMinutes(7), pressTile.TimeInState);
        Assert.Equal("Down", pressTile.Look.Label);
        Assert.Equal(0.5, pressTile.Oee);
        Assert.Equal(LossCategory.Breakdown, pressTile.Kpis.TopLoss);
        // No state ever: no data, no time in state, no OEE.
        var benderTile = first.Machines[0];
        Assert.Null(benderTile.State);
        Assert.Null(benderTile.TimeInState);
        Assert.Null(benderTile.Oee);
        Assert.Equal("No data", benderTile.Look.Label);
    }

    [Fact]
    public void NoMachinesMeansAnEmptyOverview()
    {
        var site = new Site { Key = "p", Name = "Plant" };
        var overview = PlantOverviewService.Build([site], [], [], [], [], new Dictionary<Guid, TileKpis>(), new Dictionary<Guid, TimeWindow>(), Now, TimeRangeKind.Today);
        Assert.Equal(0, overview.MachineCount);
    }
}

/// <summary>The page against a real SQLite database: empty state, then tiles under their line.</summary>
public sealed class DashboardsPageTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private SeededTenant _acme = default!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _acme = await _database.SeedTenantAsync("Acme Works", ("vera@acme.test", "Vera", TenantRole.Viewer));
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task WithoutMachinesThePageShowsTheEmptyState()
    {
        await using var ctx = CreateContext();
        var page = ctx.Render<DashboardsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=empty-state]")));
        Assert.Empty(page.FindAll("[data-testid=machine-tile]"));
    }

    [Fact]
    public async Task AMachineAppearsAsATileInsideItsLineWithItsStateColour()
    {
        Guid lineId, machineId;
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id)))
        {
            var site = new Site { Key = "p", Name = "Plant 1" };
            var area = new Area { SiteId = site.Id, Key = "a", Name = "Assembly" };
            var line = new Line { AreaId = area.Id, Key = "l", Name = "Line 1" };
            var machine = new Machine { LineId = line.Id, Key = "press-1", Name = "Press 1" };
            db.AddRange(site, area, line, machine);
            db.MachineStateChanges.Add(new MachineStateChange
            {
                MachineId = machine.Id, At = MachineStateChange.Normalize(DateTimeOffset.UtcNow.AddMinutes(-3)), State = MachineState.Changeover,
            });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
            (lineId, machineId) = (line.Id, machine.Id);
        }

        await using var ctx = CreateContext();
        var page = ctx.Render<DashboardsPage>();

        page.WaitForAssertion(() =>
        {
            var tile = page.Find($"[data-testid=line][data-line-id='{lineId}'] [data-testid=machine-tile]");
            Assert.Equal(machineId.ToString(), tile.GetAttribute("data-machine-id"));
            Assert.Equal("Changeover", tile.GetAttribute("data-state"));
            Assert.Contains(TileLook.Blue, tile.GetAttribute("style"));
        });
        Assert.Empty(page.FindAll("[data-testid=empty-state]"));
    }

    [Fact]
    public async Task ATileChangesColourWhenNewDataIsStoredWithoutWaitingForTheFallbackRefresh()
    {
        Guid machineId;
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id)))
        {
            var site = new Site { Key = "p", Name = "Plant 1" };
            var area = new Area { SiteId = site.Id, Key = "a", Name = "Assembly" };
            var line = new Line { AreaId = area.Id, Key = "l", Name = "Line 1" };
            var machine = new Machine { LineId = line.Id, Key = "press-1", Name = "Press 1" };
            db.AddRange(site, area, line, machine);
            db.MachineStateChanges.Add(new MachineStateChange { MachineId = machine.Id, At = MachineStateChange.Normalize(DateTimeOffset.UtcNow.AddMinutes(-3)), State = MachineState.Running });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
            machineId = machine.Id;
        }
        await using var ctx = CreateContext();
        var page = ctx.Render<DashboardsPage>();
        page.WaitForAssertion(() => Assert.Equal("Running", page.Find("[data-testid=machine-tile]").GetAttribute("data-state")));

        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id)))
        {
            db.MachineStateChanges.Add(new MachineStateChange { MachineId = machineId, At = MachineStateChange.Normalize(DateTimeOffset.UtcNow), State = MachineState.Down, Reason = "jam" });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }
        ctx.Services.GetRequiredService<TelemetryNotifications>().Publish(_acme.Id, []);

        // Well inside the 15 s fallback: the push did it.
        page.WaitForAssertion(() => Assert.Equal("Down", page.Find("[data-testid=machine-tile]").GetAttribute("data-state")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AnotherTenantsDataDoesNotRefreshThePage()
    {
        await using var ctx = CreateContext();
        var page = ctx.Render<DashboardsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=empty-state]")));
        var renders = page.RenderCount;

        ctx.Services.GetRequiredService<TelemetryNotifications>().Publish(Guid.NewGuid(), []);
        await Task.Delay(DashboardsPage.LiveThrottle * 2, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(renders, page.RenderCount);
    }

    private Bunit.BunitContext CreateContext()
    {
        var ctx = WebTestContext.Create(_database);
        ctx.Services.AddScoped<KpiService>();
        ctx.Services.AddScoped<PlantOverviewService>();
        ctx.SignIn(_acme.Member(TenantRole.Viewer), _acme.MembershipAs(TenantRole.Viewer));
        return ctx;
    }
}
