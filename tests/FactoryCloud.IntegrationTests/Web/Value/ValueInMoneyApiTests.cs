using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using FactoryCloud.IntegrationTests.Web.Maturity;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using FactoryCloud.Web.Common;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Value;

public sealed class ValueInMoneyApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private readonly DatabaseServers _servers = servers;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AMeasuredAvailabilityGainBecomesMoneyPerMonthRolledUpAndExported(DatabaseProvider provider)
    {
        var app = await _servers.AppAsync(provider);
        var (owner, plant) = await PlantWithRatesAsync(app);

        // The press runs from 25 days ago, so both windows are fully covered by state data.
        var hour = DateTimeOffset.UtcNow.AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerHour));
        var press = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        await app.Services.GetRequiredService<ITelemetryStore>().StoreAsync([press.State(hour.AddDays(-25), MachineState.Running)], TestContext.Current.CancellationToken);
        var item = await SeedMeasuredHypothesisAsync(app, owner.TenantId, plant.Machine, hour, baseline: 0.80, measured: 0.85);

        var program = await owner.GetJsonAsync("/api/v1/value");

        // +5 points of availability × 240 planned hours in 10 days × 3 (a 30-day month) = 36 hours × 1,000 EUR.
        var row = program.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(item, row.GetProperty("workItemId").GetGuid());
        Assert.Equal(36_000m, row.GetProperty("perMonth").GetDecimal());
        Assert.Equal("EUR", row.GetProperty("currency").GetString());
        Assert.Equal("High", row.GetProperty("confidence").GetProperty("level").GetString());
        Assert.Equal(1.0, row.GetProperty("confidence").GetProperty("measuredCompleteness").GetDouble(), 3);
        var organisation = program.GetProperty("organisation").EnumerateArray().Single();
        Assert.Equal((36_000m, "EUR", 8.0), (organisation.GetProperty("perMonth").GetDecimal(), organisation.GetProperty("currency").GetString(), organisation.GetProperty("storyPoints").GetDouble()));
        Assert.Equal("Plant 1", program.GetProperty("bySite")[0].GetProperty("key").GetString());
        Assert.Equal("Line 1 uptime", program.GetProperty("byProduct")[0].GetProperty("key").GetString());

        var csv = await owner.Client.GetStringAsync("/api/v1/value/items.csv");
        Assert.Contains("Fix the jam sensor,Line 1 uptime,Plant 1,Availability,0.8,0.85,36000.00,EUR,8,High,", csv);

        // Everything on the page in one export: the items, the roll-ups per product, per site and for the organisation, and effort.
        var all = await owner.Client.GetStringAsync("/api/v1/value.csv");
        Assert.Contains("By site\r\nSite,Currency,Value per month,Story points,Items,Low-confidence items\r\nPlant 1,EUR,36000.00,8,1,0\r\n", all, StringComparison.Ordinal);
        Assert.Contains("By product\r\nProduct,Currency,Value per month,Story points,Items,Low-confidence items\r\nLine 1 uptime,EUR,36000.00,8,1,0\r\n", all, StringComparison.Ordinal);
        Assert.Contains("Organisation\r\nScope,Currency,Value per month,Story points,Items,Low-confidence items\r\nWhole organisation,EUR,36000.00,8,1,0\r\n", all, StringComparison.Ordinal);
        using (var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await owner.Client.GetByteArrayAsync("/api/v1/value.xlsx"))))
        {
            Assert.Equal(["Items", "By product", "By site", "Organisation", "Value against effort"], workbook.Worksheets.Select(w => w.Name));
            Assert.Equal(("Fix the jam sensor", 36_000.0), (workbook.Worksheet("Items").Cell(2, 1).GetString(), workbook.Worksheet("Items").Cell(2, 7).GetDouble()));
            Assert.Equal(("Plant 1", 36_000.0), (workbook.Worksheet("By site").Cell(2, 1).GetString(), workbook.Worksheet("By site").Cell(2, 3).GetDouble()));
        }

        // Value against effort: the same item as a step of the curve, as CSV and as an Excel workbook.
        var step = (await owner.GetJsonAsync("/api/v1/value/effort")).EnumerateArray().Single();
        Assert.Equal((8.0, 36_000m), (step.GetProperty("cumulativePoints").GetDouble(), step.GetProperty("cumulativePerMonth").GetDecimal()));
        var effortCsv = await owner.Client.GetStringAsync("/api/v1/value/effort.csv");
        Assert.StartsWith("Work item,Done,Story points,Value per month,Currency,Cumulative story points,Cumulative value per month,Sprint,Cumulative sprints\r\n", effortCsv, StringComparison.Ordinal);
        Assert.Contains($"Fix the jam sensor,{hour.AddDays(-11).UtcDateTime:yyyy-MM-dd},8,36000.00,EUR,8,36000.00", effortCsv, StringComparison.Ordinal);
        var xlsx = await owner.Client.GetAsync("/api/v1/value/effort.xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using (var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            var sheet = workbook.Worksheet("Value against effort");
            Assert.Equal("Fix the jam sensor", sheet.Cell(2, 1).GetString());
            Assert.Equal(36_000.0, sheet.Cell(2, 7).GetDouble());
        }

        var stranger = await ApiSession.SignUpAsync(app);
        Assert.Empty((await stranger.GetJsonAsync("/api/v1/value")).GetProperty("items").EnumerateArray());
        Assert.Empty((await stranger.GetJsonAsync("/api/v1/value/effort")).EnumerateArray());
        Assert.DoesNotContain("Fix the jam sensor", await stranger.Client.GetStringAsync("/api/v1/value/effort.csv"));
        Assert.DoesNotContain("Fix the jam sensor", await stranger.Client.GetStringAsync("/api/v1/value/items.csv"));
        Assert.DoesNotContain("Fix the jam sensor", await stranger.Client.GetStringAsync("/api/v1/value.csv"));
    }

    [Fact]
    public async Task EffortIsAlsoCountedInTheSprintsThatDeliveredInTheChartDataAndBothExports()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PutAsJsonAsync($"/api/v1/sites/{plant.Site}/cost-rates", new { currency = "EUR", downtimePerHour = 1000m, scrapPerUnit = 1m, energyPerKwh = 0.2m })).StatusCode);
        var hour = DateTimeOffset.UtcNow.AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerHour));
        var item = await SeedMeasuredHypothesisAsync(App, owner.TenantId, plant.Machine, hour, baseline: 0.80, measured: 0.85);
        Guid product;
        await using (var db = App.Database.Contexts.Create(DataScope.ForTenant(owner.TenantId)))
            product = (await db.WorkItems.FindAsync([item], TestContext.Current.CancellationToken))!.ProductId;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var created = await owner.Client.PostAsJsonAsync($"/api/v1/products/{product}/sprints",
            new { name = "=1+1 Sprint 7", startDate = today.AddDays(-20).ToString("yyyy-MM-dd"), endDate = today.AddDays(-7).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sprint = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await using (var db = App.Database.Contexts.Create(DataScope.ForTenant(owner.TenantId)))
        {
            (await db.WorkItems.FindAsync([item], TestContext.Current.CancellationToken))!.SprintId = sprint;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var step = (await owner.GetJsonAsync("/api/v1/value/effort")).EnumerateArray().Single();
        var csv = await owner.Client.GetStringAsync("/api/v1/value/effort.csv");
        var xlsx = await owner.Client.GetByteArrayAsync("/api/v1/value/effort.xlsx");

        Assert.Equal(("=1+1 Sprint 7", 1), (step.GetProperty("sprint").GetString(), step.GetProperty("cumulativeSprints").GetInt32()));
        var row = FactoryCloud.Web.Common.CsvText.Parse(csv)[1].Fields;
        Assert.Equal(("'=1+1 Sprint 7", "1"), (row[7], row[8])); // neutralised: a sprint name is text, never a formula
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(xlsx));
        var sheet = workbook.Worksheet("Value against effort");
        Assert.Equal(("Sprint", "Cumulative sprints"), (sheet.Cell(1, 8).GetString(), sheet.Cell(1, 9).GetString()));
        Assert.Equal("=1+1 Sprint 7", sheet.Cell(2, 8).GetString());
        Assert.False(sheet.Cell(2, 8).HasFormula);
        Assert.Equal(1.0, sheet.Cell(2, 9).GetDouble());
    }

    [Fact]
    public async Task AHostileTitleIsExportedAsTextAndTheExportsNeedASignIn()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PutAsJsonAsync($"/api/v1/sites/{plant.Site}/cost-rates", new { currency = "EUR", downtimePerHour = 100m, scrapPerUnit = 1m, energyPerKwh = 0.2m })).StatusCode);
        var hour = DateTimeOffset.UtcNow.AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerHour));
        var item = await SeedMeasuredHypothesisAsync(App, owner.TenantId, plant.Machine, hour, baseline: 0.80, measured: 0.85);
        await using (var db = App.Database.Contexts.Create(DataScope.ForTenant(owner.TenantId)))
        {
            var row = await db.WorkItems.FindAsync([item], TestContext.Current.CancellationToken);
            row!.Title = "=HYPERLINK(\"http://evil.example\")";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var csv = await owner.Client.GetStringAsync("/api/v1/value/effort.csv");

        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", csv, StringComparison.Ordinal);
        foreach (var url in new[] { "/api/v1/value/effort", "/api/v1/value/effort.csv", "/api/v1/value/effort.xlsx", "/api/v1/value.csv", "/api/v1/value.xlsx" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task WithoutCostRatesTheItemSaysSoAndNothingIsRolledUp()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var hour = DateTimeOffset.UtcNow.AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerHour));
        await SeedMeasuredHypothesisAsync(App, owner.TenantId, plant.Machine, hour, baseline: 0.80, measured: 0.85);

        var program = await owner.GetJsonAsync("/api/v1/value");

        var row = program.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(JsonValueKind.Null, row.GetProperty("perMonth").ValueKind);
        Assert.Equal("No cost rates are set for Plant 1.", row.GetProperty("explanation").GetString());
        Assert.Equal("Low", row.GetProperty("confidence").GetProperty("level").GetString()); // no state data in either window
        Assert.Empty(program.GetProperty("organisation").EnumerateArray());
    }

    [Fact]
    public async Task AnItemOnALineWithItsOwnDowntimeRateIsValuedAtTheLinesRate()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var put = await owner.Client.PutAsJsonAsync($"/api/v1/sites/{plant.Site}/cost-rates",
            new { currency = "EUR", downtimePerHour = 1000m, scrapPerUnit = 5m, energyPerKwh = 0.2m, lineDowntime = new[] { new { lineId = plant.Line, perHour = 3000m } } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var hour = DateTimeOffset.UtcNow.AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerHour));
        var press = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        await App.Services.GetRequiredService<ITelemetryStore>().StoreAsync([press.State(hour.AddDays(-25), MachineState.Running)], TestContext.Current.CancellationToken);
        await SeedMeasuredHypothesisAsync(App, owner.TenantId, plant.Machine, hour, baseline: 0.80, measured: 0.85);

        // The press is on Line 1: 36 hours won back × 3,000 EUR, the line's rate, not the site's 1,000 EUR.
        var row = (await owner.GetJsonAsync("/api/v1/value")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(108_000m, row.GetProperty("perMonth").GetDecimal());
        Assert.Equal("36 planned hours won back × the line's downtime cost per hour per month", row.GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task ABaselineTheDataReachedOnlyHalfWayIsHalfCompleteAndTheValueIsNotTrusted()
    {
        var (owner, plant) = await PlantWithRatesAsync(App);
        // The press first reports 16 days ago: half-way through the baseline [-21 d, -11 d). The KPIs leave the time
        // before its first data out of planned time; the confidence must count it as time without data.
        var hour = DateTimeOffset.UtcNow.AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerHour));
        var press = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        await App.Services.GetRequiredService<ITelemetryStore>().StoreAsync([press.State(hour.AddDays(-16), MachineState.Running)], TestContext.Current.CancellationToken);
        await SeedMeasuredHypothesisAsync(App, owner.TenantId, plant.Machine, hour, baseline: 0.80, measured: 0.85);

        var program = await owner.GetJsonAsync("/api/v1/value");

        var confidence = program.GetProperty("items").EnumerateArray().Single().GetProperty("confidence");
        Assert.Equal(0.5, confidence.GetProperty("baselineCompleteness").GetDouble(), 3);
        Assert.Equal(1.0, confidence.GetProperty("measuredCompleteness").GetDouble(), 3);
        Assert.Equal("Low", confidence.GetProperty("level").GetString());
        Assert.Equal(1, program.GetProperty("organisation")[0].GetProperty("lowConfidenceItems").GetInt32());
    }

    [Fact]
    public async Task ItemsThatChangedTheSameMachinesInTheSamePeriodShareTheChangeAndAreTrustedLess()
    {
        var (owner, plant) = await PlantWithRatesAsync(App);
        var saw = (await (await owner.Client.PostAsJsonAsync($"/api/v1/lines/{plant.Line}/machines", new { key = "saw-1", name = "Saw 1" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var hour = DateTimeOffset.UtcNow.AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerHour));
        var store = App.Services.GetRequiredService<ITelemetryStore>();
        await store.StoreAsync([new TelemetryTestDevice(owner.TenantId, plant.Machine).State(hour.AddDays(-25), MachineState.Running)], TestContext.Current.CancellationToken);
        await store.StoreAsync([new TelemetryTestDevice(owner.TenantId, saw).State(hour.AddDays(-25), MachineState.Running)], TestContext.Current.CancellationToken);
        // Two items on the press in the same period; one on the saw.
        var first = await SeedMeasuredHypothesisAsync(App, owner.TenantId, plant.Machine, hour, baseline: 0.80, measured: 0.85);
        var second = await SeedMeasuredHypothesisAsync(App, owner.TenantId, plant.Machine, hour, baseline: 0.80, measured: 0.85, "Press tooling");
        var alone = await SeedMeasuredHypothesisAsync(App, owner.TenantId, saw, hour, baseline: 0.80, measured: 0.85, "Saw uptime");

        var items = (await owner.GetJsonAsync("/api/v1/value")).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("workItemId").GetGuid(), i => i.GetProperty("confidence"));

        foreach (var shared in new[] { first, second })
            Assert.Equal(("Medium", 1), (items[shared].GetProperty("level").GetString(), items[shared].GetProperty("overlappingItems").GetInt32()));
        Assert.Equal(("High", 0), (items[alone].GetProperty("level").GetString(), items[alone].GetProperty("overlappingItems").GetInt32()));
    }

    /// <summary>A new organisation's 24/7 plant (every hour planned) with rates: EUR 1,000 per hour down, 5 per scrapped unit, 0.20 per kWh.</summary>
    private static async Task<(ApiSession Owner, TestPlant Plant)> PlantWithRatesAsync(FactoryCloudApp app)
    {
        var owner = await ApiSession.SignUpAsync(app);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var put = await owner.Client.PutAsJsonAsync($"/api/v1/sites/{plant.Site}/cost-rates", new { currency = "EUR", downtimePerHour = 1000m, scrapPerUnit = 5m, energyPerKwh = 0.2m });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        return (owner, plant);
    }

    /// <summary>A done work item whose hypothesis was measured: baseline over the 10 days before [-21 d, -11 d), measured over [-11 d, -1 d).</summary>
    internal static async Task<Guid> SeedMeasuredHypothesisAsync(FactoryCloudApp app, Guid tenantId, Guid machine, DateTimeOffset hour, double baseline, double measured, string product = "Line 1 uptime")
    {
        await using var db = app.Database.Contexts.Create(DataScope.ForTenant(tenantId));
        var owning = new Product { Name = product, CreatedAt = hour };
        var done = new WorkflowColumn { ProductId = owning.Id, Name = "Done", Category = ColumnCategory.Done, Position = 1 };
        var item = new WorkItem { ProductId = owning.Id, ColumnId = done.Id, Title = "Fix the jam sensor", Rank = "i", Estimate = 8, CreatedAt = hour.AddDays(-30), UpdatedAt = hour };
        var hypothesis = new KpiHypothesis
        {
            WorkItemId = item.Id, ProductId = owning.Id, Kpi = HypothesisKpi.Availability, ScopeKind = AssetKind.Machine, ScopeId = machine,
            ExpectedChange = 0.05, PeriodDays = 10, BaselineValue = baseline, BaselineFrom = hour.AddDays(-21), BaselineTo = hour.AddDays(-11),
            DoneAt = hour.AddDays(-11), MeasuredValue = measured, MeasuredFrom = hour.AddDays(-11), MeasuredTo = hour.AddDays(-1),
        };
        db.AddRange(owning, done, item, hypothesis);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return item.Id;
    }
}
