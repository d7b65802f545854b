using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Kpis;

public sealed class KpiApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private const double Precision = 1e-9;

    /// <summary>A whole UTC hour in the past, so only closed intervals and the buckets matter.</summary>
    private static readonly DateTimeOffset H = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AMachineRunning50MinutesThenDown10GivesTheHandComputedKpis()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner); // press-1: ideal cycle 2.5 s
        var device = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        var messages = new List<AcceptedTelemetry>
        {
            device.State(H, MachineState.Running),
            device.State(H.AddMinutes(50), MachineState.Down, "jam"),
            device.State(H.AddMinutes(60), MachineState.Running),
        };
        for (var i = 0; i < 10; i++) messages.Add(device.Count(H.AddMinutes(1 + (i * 5)).AddSeconds(30), good: 100, scrap: 5));
        await StoreAsync(messages);

        var kpis = await GetKpisAsync(owner, "machines", plant.Machine, H, H.AddHours(1));

        // Planned 3600 s, run 3000 s, 1000 good + 50 scrap at 2.5 s.
        Assert.Equal(3000.0 / 3600, kpis.GetProperty("availability").GetDouble(), Precision);
        Assert.Equal(1050 * 2.5 / 3000, kpis.GetProperty("performance").GetDouble(), Precision);
        Assert.Equal(1000.0 / 1050, kpis.GetProperty("quality").GetDouble(), Precision);
        Assert.Equal(1000 * 2.5 / 3600, kpis.GetProperty("oee").GetDouble(), Precision);
        Assert.Equal(3600, kpis.GetProperty("plannedProductionSeconds").GetDouble(), Precision);
        Assert.Equal(3000, kpis.GetProperty("runSeconds").GetDouble(), Precision);
        Assert.Equal(600, kpis.GetProperty("downSeconds").GetDouble(), Precision);
        Assert.Equal(1000, kpis.GetProperty("goodCount").GetInt64());
        Assert.Equal(50, kpis.GetProperty("scrapCount").GetInt64());
        Assert.Equal(1050, kpis.GetProperty("totalCount").GetInt64());
        Assert.Equal(H, kpis.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(H.AddHours(1), kpis.GetProperty("to").GetDateTimeOffset());

        // Inside one hour: minute buckets only; the window is widened to whole minutes.
        var inside = await GetKpisAsync(owner, "machines", plant.Machine, H.AddMinutes(10).AddSeconds(20), H.AddMinutes(54).AddSeconds(10));
        Assert.Equal(H.AddMinutes(10), inside.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(H.AddMinutes(55), inside.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(2400, inside.GetProperty("runSeconds").GetDouble(), Precision);
        Assert.Equal(300, inside.GetProperty("downSeconds").GetDouble(), Precision);
        Assert.Equal(2700, inside.GetProperty("plannedProductionSeconds").GetDouble(), Precision);
        Assert.Equal(800, inside.GetProperty("goodCount").GetInt64()); // counts at :11:30 … :46:30

        // Partial hours at both ends plus whole hours; the 90 min before the machine's first data are not planned time
        // (TimeBeforeFirstData, the default), after the last change (Running at H+60) the open tail runs to the window end.
        var wide = await GetKpisAsync(owner, "machines", plant.Machine, H.AddMinutes(-90), H.AddMinutes(150));
        Assert.Equal(3000 + 5400, wide.GetProperty("runSeconds").GetDouble(), Precision);
        Assert.Equal(600, wide.GetProperty("downSeconds").GetDouble(), Precision);
        Assert.Equal(0, wide.GetProperty("noDataSeconds").GetDouble(), Precision);
        Assert.Equal(5400, wide.GetProperty("beforeFirstDataSeconds").GetDouble(), Precision);
        Assert.Equal(4 * 3600 - 5400, wide.GetProperty("plannedProductionSeconds").GetDouble(), Precision);
        Assert.Equal(1000, wide.GetProperty("goodCount").GetInt64());
    }

    [Fact]
    public async Task ALineSumsTheTotalsOfItsMachinesInsteadOfAveragingTheirRatios()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner); // press-1: ideal 2.5 s
        var created = await owner.Client.PostAsJsonAsync($"/api/v1/lines/{plant.Line}/machines", new { key = "small-1", name = "Small 1", idealCycleTimeSeconds = 1.0 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var small = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var big = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        var little = new TelemetryTestDevice(owner.TenantId, small);
        await StoreAsync(
        [
            big.State(H, MachineState.Running), big.State(H.AddMinutes(60), MachineState.Offline),
            big.Count(H.AddMinutes(30), good: 1000),
            little.State(H, MachineState.Running), little.State(H.AddMinutes(15), MachineState.Down),
            little.State(H.AddMinutes(60), MachineState.Offline),
            little.Count(H.AddMinutes(10), good: 100, scrap: 100),
        ]);

        foreach (var (level, id) in new[] { ("lines", plant.Line), ("areas", plant.Area), ("sites", plant.Site) })
        {
            var kpis = await GetKpisAsync(owner, level, id, H, H.AddHours(1));
            Assert.Equal(2, kpis.GetProperty("machineCount").GetInt32());
            Assert.Equal(7200, kpis.GetProperty("plannedProductionSeconds").GetDouble(), Precision);
            Assert.Equal(4500, kpis.GetProperty("runSeconds").GetDouble(), Precision);
            Assert.Equal(2700, kpis.GetProperty("downSeconds").GetDouble(), Precision);
            Assert.Equal(1100, kpis.GetProperty("goodCount").GetInt64());
            Assert.Equal(100, kpis.GetProperty("scrapCount").GetInt64());
            Assert.Equal(4500.0 / 7200, kpis.GetProperty("availability").GetDouble(), Precision);
            // Summed: (2500 + 200) / 4500 = 0.6; averaging the machines' ratios would give (0.694 + 0.222) / 2.
            Assert.Equal(2700.0 / 4500, kpis.GetProperty("performance").GetDouble(), Precision);
            // Summed: 1100 / 1200; averaging would give (1 + 0.5) / 2.
            Assert.Equal(1100.0 / 1200, kpis.GetProperty("quality").GetDouble(), Precision);
            Assert.Equal(2600.0 / 7200, kpis.GetProperty("oee").GetDouble(), Precision);
        }
    }

    [Fact]
    public async Task OnlyTimeAndCountsInsideTheSitesShiftCalendarArePlanned()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner); // Monday 06:00–14:00 Europe/Berlin = 05:00–13:00 UTC in January
        var device = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        var monday = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        await StoreAsync(
        [
            device.State(monday.AddHours(4), MachineState.Running),
            device.Count(monday.AddHours(4).AddMinutes(30), good: 500), // before the shift: not in OEE
            device.Count(monday.AddHours(6), good: 1000, scrap: 10),
            device.State(monday.AddHours(10), MachineState.Down, "jam"),
            device.State(monday.AddHours(11), MachineState.Running),
            device.Count(monday.AddHours(20), good: 700), // after the shift
            device.State(monday.AddHours(22), MachineState.Offline),
        ]);

        var kpis = await GetKpisAsync(owner, "machines", plant.Machine, monday, monday.AddDays(1));

        Assert.Equal(8 * 3600, kpis.GetProperty("plannedProductionSeconds").GetDouble(), Precision);
        Assert.Equal(7 * 3600, kpis.GetProperty("runSeconds").GetDouble(), Precision);
        Assert.Equal(3600, kpis.GetProperty("downSeconds").GetDouble(), Precision);
        Assert.Equal(0, kpis.GetProperty("offlineSeconds").GetDouble(), Precision);
        Assert.Equal(1000, kpis.GetProperty("goodCount").GetInt64());
        Assert.Equal(10, kpis.GetProperty("scrapCount").GetInt64());
        Assert.Equal(1, kpis.GetProperty("breakdownEpisodes").GetInt64());
        Assert.Equal(7 * 3600, kpis.GetProperty("mtbfSeconds").GetDouble(), Precision);
        Assert.Equal(3600, kpis.GetProperty("mttrSeconds").GetDouble(), Precision);
        Assert.Equal(1000 * 2.5 / (8 * 3600), kpis.GetProperty("oee").GetDouble(), Precision);
        Assert.Equal("ReducedSpeed", kpis.GetProperty("topLoss").GetString()); // 7 h run for 2,525 ideal seconds
    }

    [Fact]
    public async Task TheTenantsLossSettingsDecideWhatIsASmallStopAndWhichReasonIsWhichLoss()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var device = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        await StoreAsync(
        [
            device.State(H, MachineState.Running),
            device.State(H.AddMinutes(10), MachineState.Down, "jam"), // 90 s: a small stop by default (< 2 min)
            device.State(H.AddMinutes(11).AddSeconds(30), MachineState.Running),
            device.State(H.AddMinutes(20), MachineState.Idle, "no-operator"), // 5 min
            device.State(H.AddMinutes(25), MachineState.Running),
        ]);

        var before = await GetKpisAsync(owner, "machines", plant.Machine, H, H.AddHours(1));
        Assert.Equal(90, before.GetProperty("smallStopSeconds").GetDouble(), Precision);
        Assert.Equal(0, before.GetProperty("downSeconds").GetDouble(), Precision);
        Assert.Equal(300, before.GetProperty("idleSeconds").GetDouble(), Precision);

        var put = await owner.Client.PutAsJsonAsync("/api/v1/kpi-settings", new
        {
            smallStopThresholdSeconds = 60,
            startupPeriodSeconds = 0,
            rules = new[] { new { state = "Idle", reason = "no-operator", category = "Breakdown" } },
        }, TestContext.Current.CancellationToken);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var after = await GetKpisAsync(owner, "machines", plant.Machine, H, H.AddHours(1));
        Assert.Equal(0, after.GetProperty("smallStopSeconds").GetDouble(), Precision);
        Assert.Equal(90 + 300, after.GetProperty("downSeconds").GetDouble(), Precision);
        Assert.Equal(0, after.GetProperty("idleSeconds").GetDouble(), Precision);
        Assert.Equal(2, after.GetProperty("breakdownEpisodes").GetInt64());
    }

    [Fact]
    public async Task TheOpenTailOfAMachineStillRunningIsCounted()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var device = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        await StoreAsync([device.State(start, MachineState.Running)]);

        var before = DateTimeOffset.UtcNow;
        var kpis = await GetKpisAsync(owner, "machines", plant.Machine, start.AddHours(-1), start.AddHours(2));
        var after = DateTimeOffset.UtcNow;

        var run = kpis.GetProperty("runSeconds").GetDouble();
        Assert.InRange(run, (before - start).TotalSeconds - 1, (after - start).TotalSeconds + 1);
        // Time after now is not evaluated; the hour before the first state is not planned time (before first data).
        Assert.Equal(0, kpis.GetProperty("noDataSeconds").GetDouble(), 1e-6);
        Assert.InRange(kpis.GetProperty("beforeFirstDataSeconds").GetDouble(), 3600 - 60, 3600 + 60);
        Assert.Equal(run, kpis.GetProperty("plannedProductionSeconds").GetDouble(), 1e-6);
        Assert.Equal(1, kpis.GetProperty("availability").GetDouble(), 1e-9);
        Assert.Equal(JsonValueKind.Null, kpis.GetProperty("quality").ValueKind);
        Assert.Equal(0, kpis.GetProperty("performance").GetDouble()); // running, nothing counted: defined and 0
    }

    [Fact]
    public async Task AnotherTenantsIdsAndUnknownIdsAnswer404()
    {
        var tenantA = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(tenantA);
        var tenantB = await ApiSession.SignUpAsync(App);

        foreach (var (level, id) in new[] { ("machines", plant.Machine), ("lines", plant.Line), ("areas", plant.Area), ("sites", plant.Site) })
        {
            Assert.Equal(HttpStatusCode.OK, (await tenantA.Client.GetAsync(Url(level, id, H, H.AddHours(1)))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await tenantB.Client.GetAsync(Url(level, id, H, H.AddHours(1)))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await tenantA.Client.GetAsync(Url(level, Guid.NewGuid(), H, H.AddHours(1)))).StatusCode);
        }
    }

    [Fact]
    public async Task AViewerMayReadAndAnonymousMayNot()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var viewer = await owner.AddMemberAsync(App, "Viewer");

        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync(Url("machines", plant.Machine, H, H.AddHours(1)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync(Url("machines", plant.Machine, H, H.AddHours(1)))).StatusCode);
    }

    [Theory]
    [InlineData("", "2026-01-05T09:00:00Z", "from")]
    [InlineData("2026-01-05T08:00:00Z", "", "to")]
    [InlineData("yesterday", "2026-01-05T09:00:00Z", "from")]
    [InlineData("2026-01-05T08:00:00Z", "2026-01-05T09:00:00", "to")] // no offset
    [InlineData("2026-01-05T09:00:00Z", "2026-01-05T09:00:00Z", "from")] // from == to
    [InlineData("2026-01-05T10:00:00+02:00", "2026-01-05T07:30:00Z", "from")] // 08:00Z after 07:30Z
    [InlineData("2025-01-01T00:00:00Z", "2026-02-05T00:00:01Z", "to")] // more than 400 days
    public async Task AnInvalidRangeAnswersValidationProblemNamingTheField(string from, string to, string field)
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);

        var query = string.Join('&', new[] { ("from", from), ("to", to) }.Where(p => p.Item2.Length > 0).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
        var response = await owner.Client.GetAsync($"/api/v1/machines/{plant.Machine}/kpis?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task ExactlyFourHundredDaysIsAccepted()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var kpis = await GetKpisAsync(owner, "machines", plant.Machine, H.AddDays(-400), H);
        // No data and no calendar: the machine never sent data, so the whole window is before its first data, not
        // planned time (TimeBeforeFirstData); with no planned time every ratio is undefined.
        Assert.Equal(400 * 86400, kpis.GetProperty("beforeFirstDataSeconds").GetDouble());
        Assert.Equal(0, kpis.GetProperty("plannedProductionSeconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, kpis.GetProperty("availability").ValueKind);
        Assert.Equal(JsonValueKind.Null, kpis.GetProperty("performance").ValueKind);
        Assert.Equal(JsonValueKind.Null, kpis.GetProperty("quality").ValueKind);
    }

    private async Task StoreAsync(IReadOnlyList<AcceptedTelemetry> messages)
    {
        var result = await App.Services.GetRequiredService<ITelemetryStore>().StoreAsync(messages, TestContext.Current.CancellationToken);
        Assert.Equal(messages.Count, result.Applied);
    }

    private static string Url(string level, Guid id, DateTimeOffset from, DateTimeOffset to) =>
        $"/api/v1/{level}/{id}/kpis?from={Uri.EscapeDataString(Rfc3339(from))}&to={Uri.EscapeDataString(Rfc3339(to))}";

    private static string Rfc3339(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> GetKpisAsync(ApiSession session, string level, Guid id, DateTimeOffset from, DateTimeOffset to)
    {
        var response = await session.Client.GetAsync(Url(level, id, from, to), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}
