using System.IO.Compression;
using System.Net;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Dashboards;

public sealed class DashboardExportApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private static readonly DateTimeOffset Day = new(2026, 1, 6, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheMachineDashboardExportsAsCsvAndAsAnExcelWorkbook()
    {
        var (owner, plant, device) = await MachineWithoutShiftsAsync();
        await StoreAsync(
        [
            device.State(Day.AddHours(8), MachineState.Running), device.Count(Day.AddHours(9), good: 1000, scrap: 10),
            device.State(Day.AddHours(10), MachineState.Down, "jam"), device.State(Day.AddHours(11), MachineState.Offline),
        ]);
        const string range = "range=Custom&from=2026-01-06&to=2026-01-06";

        var csv = await owner.Client.GetAsync($"/api/v1/machines/{plant.Machine}/dashboard.csv?{range}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Good quantity,1000,units", text);
        Assert.Contains("Breakdown time,3600,s", text);
        Assert.Contains("Downtime Pareto\r\nReason,Seconds,Episodes,Share,Cumulative share\r\njam,3600,1,1,1\r\n", text);

        var xlsx = await owner.Client.GetAsync($"/api/v1/machines/{plant.Machine}/dashboard.xlsx?{range}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var zip = new ZipArchive(await xlsx.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, zip.Entries.Count(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AStopReasonFromADeviceThatLooksLikeAFormulaIsExportedAsText()
    {
        var (owner, plant, device) = await MachineWithoutShiftsAsync();
        await StoreAsync(
        [
            device.State(Day.AddHours(8), MachineState.Running),
            device.State(Day.AddHours(10), MachineState.Down, JsonText("=HYPERLINK(\"http://evil.example\",\"Details\")")),
            device.State(Day.AddHours(11), MachineState.Down, JsonText("\t@SUM(1)")),
            device.State(Day.AddHours(12), MachineState.Offline),
        ]);

        var text = await owner.Client.GetStringAsync($"/api/v1/machines/{plant.Machine}/dashboard.csv?range=Custom&from=2026-01-06&to=2026-01-06", TestContext.Current.CancellationToken);

        Assert.Contains("\r\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Details\"\")\",3600,1,", text, StringComparison.Ordinal);
        Assert.Contains("\r\n'\t@SUM(1),3600,1,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n=", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherTenantGets404AndABadRangeGets400()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var other = await ApiSession.SignUpAsync(App);

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/lines/{plant.Line}/dashboard.csv", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.GetAsync($"/api/v1/lines/{plant.Line}/dashboard.csv?range=Fortnight", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.GetAsync($"/api/v1/lines/{plant.Line}/dashboard.csv?range=Custom&from=2026-01-07&to=2026-01-06", TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<(ApiSession Owner, TestPlant Plant, TelemetryTestDevice Device)> MachineWithoutShiftsAsync()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        return (owner, plant, new TelemetryTestDevice(owner.TenantId, plant.Machine));
    }

    /// <summary>The test device writes its fields into JSON as they are.</summary>
    private static string JsonText(string value) => System.Text.Json.JsonSerializer.Serialize(value)[1..^1];

    private async Task StoreAsync(IReadOnlyList<AcceptedTelemetry> messages) =>
        await App.Services.GetRequiredService<ITelemetryStore>().StoreAsync(messages, TestContext.Current.CancellationToken);
}
