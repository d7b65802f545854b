using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using FactoryCloud.IntegrationTests.Web.Maturity;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using FactoryCloud.IntegrationTests.Web.Value;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Programs;

/// <summary>The program view: per site maturity now and target, epics with progress, value delivered, next re-assessment, timeline.</summary>
public sealed class ProgramApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private readonly DatabaseServers _servers = servers;
    private static readonly string[] Connectivity = ["connectivity"];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EachSiteShowsItsStageTargetEpicsValueNextAssessmentAndTimeline(DatabaseProvider provider)
    {
        var app = await _servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PutAsJsonAsync($"/api/v1/sites/{plant.Site}/cost-rates",
            new { currency = "EUR", downtimePerHour = 1000m, scrapPerUnit = 5m, energyPerKwh = 0.2m })).StatusCode);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var targetDate = today.AddDays(60);

        var assessment = await owner.CreateAssessmentAsync("Plant 1 now", plant.Site);
        await owner.AnswerAllAsync(assessment, stage: 2);
        await owner.AnswerAsync(assessment, "connectivity", 2, 4, targetDate.ToString("yyyy-MM-dd"));
        Assert.Equal(HttpStatusCode.OK, (await owner.MoveAsync(assessment, "Submitted")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.MoveAsync(assessment, "Approved")).StatusCode);
        var product = await TestProduct.CreateAsync(owner, "Digital plant");
        Assert.Equal(HttpStatusCode.Created, (await owner.Client.PostAsJsonAsync($"/api/v1/maturity/assessments/{assessment}/backlog",
            new { productId = product.Id, dimensions = Connectivity })).StatusCode);
        var epic = (await owner.GetJsonAsync($"/api/v1/maturity/assessments/{assessment}/work")).EnumerateArray()
            .Single(w => w.GetProperty("type").GetString() == "Epic").GetProperty("workItemId").GetGuid();
        var feature = await product.AddAsync("Stream every press", "Feature", parentId: epic);
        var story = await product.AddAsync("Onboard press 1", "Story", estimate: 3, parentId: feature);
        await product.AddAsync("Onboard press 2", "Story", estimate: 5, parentId: feature);
        Assert.True((await product.MoveAsync(epic, "In development", confirm: true)).IsSuccessStatusCode);
        Assert.True((await product.MoveAsync(story, "Done", confirm: true)).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Created, (await owner.Client.PostAsJsonAsync($"/api/v1/products/{product.Id}/sprints",
            new { name = "Sprint 1", startDate = today.AddDays(-7).ToString("yyyy-MM-dd"), endDate = today.AddDays(6).ToString("yyyy-MM-dd") })).StatusCode);
        // A measured improvement at the site (as the value tests seed it): +5 availability points = 36,000 EUR per month.
        var hour = DateTimeOffset.UtcNow.AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerHour));
        var press = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        await app.Services.GetRequiredService<ITelemetryStore>().StoreAsync([press.State(hour.AddDays(-25), MachineState.Running)], TestContext.Current.CancellationToken);
        await ValueInMoneyApiTests.SeedMeasuredHypothesisAsync(app, owner.TenantId, plant.Machine, hour, baseline: 0.80, measured: 0.85);

        var program = await owner.GetJsonAsync("/api/v1/program");

        var site = program.GetProperty("sites").EnumerateArray().Single();
        Assert.Equal((plant.Site, "Plant 1"), (site.GetProperty("siteId").GetGuid(), site.GetProperty("siteName").GetString()));
        Assert.Equal(("Developing", "Established"), (site.GetProperty("stage").GetString(), site.GetProperty("targetStage").GetString()));
        Assert.Equal(10, site.GetProperty("openGaps").GetInt32());
        var epicRow = site.GetProperty("epics").EnumerateArray().Single();
        Assert.Equal((epic, "In development"), (epicRow.GetProperty("workItemId").GetGuid(), epicRow.GetProperty("column").GetString()));
        Assert.Equal((8.0, 3.0), (epicRow.GetProperty("points").GetDouble(), epicRow.GetProperty("donePoints").GetDouble()));
        Assert.Equal(3.0 / 8, epicRow.GetProperty("progress").GetDouble(), 9);
        Assert.Equal(today.ToString("yyyy-MM-dd"), epicRow.GetProperty("startedOn").GetString());
        Assert.Equal(36_000m, site.GetProperty("valueDelivered")[0].GetProperty("perMonth").GetDecimal());
        Assert.Equal(36_000m, program.GetProperty("valueDelivered")[0].GetProperty("perMonth").GetDecimal());
        Assert.Equal(targetDate.ToString("yyyy-MM-dd"), site.GetProperty("nextAssessmentDue").GetString()); // before the six months are up
        Assert.False(site.GetProperty("assessmentOverdue").GetBoolean());
        var kinds = site.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["Sprint", "KpiChange", "Assessment", "EpicStarted", "Reassessment"], kinds);
        var kpi = site.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "KpiChange");
        Assert.Equal("Availability: 80.0 % → 85.0 %", kpi.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AnotherTenantSeesNoneOfItAndASignInIsNeeded()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var assessment = await owner.CreateAssessmentAsync("Plant 1 now", plant.Site);
        await owner.AnswerAllAsync(assessment, stage: 2);
        var stranger = await ApiSession.SignUpAsync(App);

        var theirs = await stranger.GetJsonAsync("/api/v1/program");

        Assert.Empty(theirs.GetProperty("sites").EnumerateArray());
        Assert.Empty(theirs.GetProperty("valueDelivered").EnumerateArray());
        Assert.Single((await owner.GetJsonAsync("/api/v1/program")).GetProperty("sites").EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync("/api/v1/program")).StatusCode);
        // The program only reads: nothing to write through it.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await owner.Client.PostAsJsonAsync("/api/v1/program", new { sites = "<script>" })).StatusCode);
    }

    [Fact]
    public async Task TheProgramIsExportedAsCsvAndExcelWithTextKeptAsTextAndOnlyToItsOwnTenant()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var assessment = await owner.CreateAssessmentAsync("Plant 1 now", plant.Site);
        await owner.AnswerAllAsync(assessment, stage: 2);
        var product = await TestProduct.CreateAsync(owner, "Digital plant");
        Assert.Equal(HttpStatusCode.Created, (await owner.Client.PostAsJsonAsync($"/api/v1/maturity/assessments/{assessment}/backlog",
            new { productId = product.Id, dimensions = Connectivity })).StatusCode);
        await using (var db = App.Database.Contexts.Create(DataScope.ForTenant(owner.TenantId)))
        {
            (await db.Sites.FindAsync([plant.Site], TestContext.Current.CancellationToken))!.Name = "=HYPERLINK(\"http://evil.example\")";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6).ToString("yyyy-MM-dd");

        var csv = await owner.Client.GetStringAsync("/api/v1/program.csv");
        var xlsx = await owner.Client.GetAsync("/api/v1/program.xlsx");

        Assert.StartsWith("Sites\r\nSite,Assessment,Assessed on,Stage now,Score,Target stage,Target score,Open gaps,Epics,Epic progress,Value delivered per month,Currency,Next re-assessment,Next re-assessment set,Overdue\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\",Plant 1 now,", csv, StringComparison.Ordinal);
        Assert.Contains(",Developing,2,Established,3,10,1,", csv, StringComparison.Ordinal);
        Assert.Contains($",,,{due},computed,no\r\n", csv, StringComparison.Ordinal); // no value in money yet; the computed date
        Assert.Contains("\r\nEpics\r\nSite,Epic,Dimension,Product,Status,", csv, StringComparison.Ordinal);
        Assert.Contains("Raise Connectivity and IIoT from 2 Developing to 3 Established,Connectivity and IIoT,Digital plant,", csv, StringComparison.Ordinal);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using (var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            var sites = workbook.Worksheet("Sites");
            Assert.Equal("=HYPERLINK(\"http://evil.example\")", sites.Cell(2, 1).GetString());
            Assert.False(sites.Cell(2, 1).HasFormula);
            Assert.Equal(10.0, sites.Cell(2, 8).GetDouble());
            Assert.Equal("Digital plant", workbook.Worksheet("Epics").Cell(2, 4).GetString());
        }

        var stranger = await ApiSession.SignUpAsync(App);
        Assert.DoesNotContain("Plant 1 now", await stranger.Client.GetStringAsync("/api/v1/program.csv"));
        using (var theirs = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await stranger.Client.GetByteArrayAsync("/api/v1/program.xlsx"))))
            Assert.True(theirs.Worksheet("Sites").Cell(2, 1).IsEmpty());
        foreach (var url in new[] { "/api/v1/program.csv", "/api/v1/program.xlsx" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync(url)).StatusCode);
    }
}
