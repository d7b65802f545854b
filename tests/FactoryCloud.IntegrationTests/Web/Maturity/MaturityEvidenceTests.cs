using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Alerts;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using FactoryCloud.Web.Features.Dashboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Maturity;

public sealed class MaturityEvidenceTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private readonly DatabaseServers _servers = servers;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheFiguresComeFromTheProductsOwnDataAndSuggestAStagePerDimension(DatabaseProvider provider)
    {
        var app = await _servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var plant = await TestPlant.CreateAsync(owner); // line-1 with press-1
        await plant.WithoutShiftCalendarAsync(owner); // the whole window is planned, whenever the test runs
        await CreateAsync(owner, $"/api/v1/lines/{plant.Line}/machines", new { key = "press-2", name = "Press 2 (silent)" });
        await CreateAsync(owner, $"/api/v1/areas/{plant.Area}/lines", new { key = "line-2", name = "Line 2 (no machines)" });
        var device = (await plant.IssueCredentialsAsync(owner)).GetProperty("deviceId").GetGuid();

        // press-1 runs for the last 18 hours, counts parts and meters energy; press-2 never reports.
        var now = DateTimeOffset.UtcNow;
        var press = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        IReadOnlyList<AcceptedTelemetry> messages =
        [
            press.State(now.AddHours(-18), MachineState.Running), press.Count(now.AddHours(-10), good: 400, scrap: 10), press.Count(now.AddHours(-2), good: 300),
            press.Energy(now.AddHours(-10), 5), press.Energy(now.AddHours(-2), 7), // increments: 12 kWh
        ];
        var stored = await app.Services.GetRequiredService<ITelemetryStore>().StoreAsync(messages, TestContext.Current.CancellationToken);
        Assert.Equal(5, stored.Applied);
        await RefuseAsync(app, owner.TenantId, device, now.AddHours(-1)); // press-1's device: counts
        await RefuseAsync(app, owner.TenantId, Guid.NewGuid(), now.AddHours(-1)); // a device of no machine of this site
        await RefuseAsync(app, owner.TenantId, device, now.AddHours(-30)); // before the window

        var evidence = await owner.GetJsonAsync($"/api/v1/maturity/evidence/sites/{plant.Site}");

        var connectivity = Dimension(evidence, "connectivity");
        Assert.Equal(1, Figure(connectivity, "machines-online"));
        Assert.Equal(0.5, Figure(connectivity, "streaming-share"));
        Assert.Equal(1.0 / 6, Figure(connectivity, "refused-rate")!.Value, 3); // 1 refusal in the window against 5 accepted messages
        Assert.Equal("Developing", connectivity.GetProperty("suggested").GetString());
        Assert.Contains("2 Developing: machines streaming ≥ 25 %.", connectivity.GetProperty("rule").EnumerateArray().Select(l => l.GetString()));
        Assert.False(connectivity.GetProperty("disagrees").GetBoolean()); // nothing self-assessed here

        var data = Dimension(evidence, "data");
        Assert.Equal(18.0 / 48, Figure(data, "data-completeness")!.Value, 0.005); // 18 h of 2 × 24 h
        Assert.Equal(0.5, Figure(data, "all-channels-share")); // press-1 sent state, count and measure
        Assert.Equal(0.5, Figure(data, "lines-with-oee-share"));
        Assert.Equal("Developing", data.GetProperty("suggested").GetString());

        var energy = Dimension(evidence, "energy");
        Assert.Equal(0.5, Figure(energy, "metering-share"));
        Assert.Equal(12.0 / 700, Figure(energy, "energy-per-unit")!.Value, 6);
        Assert.Equal("Developing", energy.GetProperty("suggested").GetString());

        var security = Dimension(evidence, "cybersecurity");
        Assert.Equal(1.0, Figure(security, "per-machine-credentials-share")); // one device, issued for one machine
        Assert.Equal(0.0, Figure(security, "stale-credentials-share"));
        Assert.True(Figure(security, "audit-entries") >= 2); // the sign-in and the issued credentials
        Assert.Equal(0.0, Figure(security, "two-factor-required")); // the organisation does not require it (TwoFactorTests sets it)

        Assert.Equal("NotStarted", Dimension(evidence, "culture").GetProperty("suggested").GetString()); // no team
        Assert.Equal("NotStarted", Dimension(evidence, "strategy").GetProperty("suggested").GetString()); // no target
        Assert.True(Dimension(evidence, "skills").GetProperty("noDataInProduct").GetBoolean());
        Assert.Equal(JsonValueKind.Null, Dimension(evidence, "digital-twin").GetProperty("suggested").ValueKind);
    }

    /// <summary>
    /// The gatherer's reads for the dimensions beyond connectivity and data, each from the data it names: downtime
    /// reason codes, alert rules and acknowledgements, Pareto work items; device credentials and their age, TLS, the
    /// audit trail; teams, flow and WIP limits; targets, epics and measured hypotheses; availability and energy per
    /// unit against the 30 days before.
    /// </summary>
    [Fact]
    public async Task EveryOtherDimensionsFiguresAreReadFromTheirOwnData()
    {
        var ct = TestContext.Current.CancellationToken;
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner); // every hour is planned
        await plant.IssueCredentialsAsync(owner); // the press's own credentials, issued now

        // The 30 days before the window [-60 d, -30 d): data from -50 d, down 5 of those 20 days, 0.2 kWh per good unit.
        // The window [-30 d, now): down 2 of 30 days (one day with a reason code, one without), 0.15 kWh per good unit.
        var hour = DateTimeOffset.UtcNow.AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerHour));
        var press = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        IReadOnlyList<AcceptedTelemetry> messages =
        [
            press.State(hour.AddDays(-50), MachineState.Running),
            press.Count(hour.AddDays(-45), good: 1000), press.Energy(hour.AddDays(-45), 200),
            press.State(hour.AddDays(-40), MachineState.Down, "jam"), press.State(hour.AddDays(-35), MachineState.Running),
            press.State(hour.AddDays(-20), MachineState.Down), press.State(hour.AddDays(-19), MachineState.Running),
            press.State(hour.AddDays(-10), MachineState.Down, "jam"), press.State(hour.AddDays(-9), MachineState.Running),
            press.Count(hour.AddDays(-5), good: 1000), press.Energy(hour.AddDays(-5), 150),
        ];
        Assert.Equal(messages.Count, (await App.Services.GetRequiredService<ITelemetryStore>().StoreAsync(messages, ct)).Applied);

        // Flow: items through development to done (lead and cycle time from their column history).
        var product = await TestProduct.CreateAsync(owner, "Press uptime");
        var flowed = await product.AddAsync("Flowed through");
        Assert.True((await product.MoveAsync(flowed, "In development")).IsSuccessStatusCode);
        Assert.True((await product.MoveAsync(flowed, "Done")).IsSuccessStatusCode);

        // Throughput: two closed sprints delivered 8 and 5 points (σ / mean = 1.5 / 6.5).
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var points in new[] { new[] { 3.0, 5.0 }, new[] { 2.0, 3.0 } })
        {
            var sprint = (await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync($"/api/v1/products/{product.Id}/sprints",
                new { name = $"Sprint of {points.Sum()} points", startDate = today.ToString("yyyy-MM-dd"), endDate = today.AddDays(13).ToString("yyyy-MM-dd") }))).GetProperty("id").GetGuid();
            var stories = new List<Guid>();
            foreach (var estimate in points) stories.Add(await product.AddAsync($"Story of {estimate} points", estimate: estimate, sprintId: sprint));
            Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsync($"/api/v1/sprints/{sprint}/start", null)).StatusCode);
            foreach (var story in stories) Assert.True((await product.MoveAsync(story, "Done")).IsSuccessStatusCode);
            Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsJsonAsync($"/api/v1/sprints/{sprint}/close", new { })).StatusCode);
        }

        // Strategy: three targets, one dated; two gaps, one with an epic.
        var assessment = await owner.CreateAssessmentAsync("North", plant.Site);
        Assert.True((await owner.AnswerAsync(assessment, "connectivity", 1, 3, "2027-06-30")).IsSuccessStatusCode);
        Assert.True((await owner.AnswerAsync(assessment, "data", 1, 2)).IsSuccessStatusCode);
        Assert.True((await owner.AnswerAsync(assessment, "energy", 2, 2)).IsSuccessStatusCode);

        await using (var db = App.Database.Contexts.Create(DataScope.ForTenant(owner.TenantId)))
        {
            // Analytics: two enabled rules on the site and the press (a disabled one does not count); acknowledged after
            // 10, 40 and 20 minutes in the window (median 20), one before the window and one never acknowledged.
            var siteRule = new AlertRule { Name = "Plant down", Kind = AlertRuleKind.MachineDown, ScopeKind = AlertScopeKind.Site, ScopeId = plant.Site, DurationMinutes = 5, CreatedAt = hour };
            db.AddRange(siteRule,
                new AlertRule { Name = "Press down", Kind = AlertRuleKind.MachineDown, ScopeKind = AlertScopeKind.Machine, ScopeId = plant.Machine, DurationMinutes = 5, CreatedAt = hour },
                new AlertRule { Name = "Switched off", Kind = AlertRuleKind.NoData, ScopeKind = AlertScopeKind.Line, ScopeId = plant.Line, DurationMinutes = 5, CreatedAt = hour, Enabled = false });
            foreach (var (daysAgo, minutes) in new[] { (10.0, 10.0), (9.0, 40.0), (8.0, 20.0), (40.0, 1000.0) })
                db.Add(new Alert
                {
                    RuleId = siteRule.Id, MachineId = plant.Machine, Detail = "Press 1 is down", RaisedAt = hour.AddDays(-daysAgo),
                    Status = AlertStatus.Closed, AcknowledgedAt = hour.AddDays(-daysAgo).AddMinutes(minutes), ClearedAt = hour.AddDays(-daysAgo).AddHours(19), ClosedAt = hour.AddDays(-daysAgo).AddHours(20),
                });
            db.Add(new Alert { RuleId = siteRule.Id, MachineId = plant.Machine, Detail = "Press 1 is down", RaisedAt = hour.AddDays(-2), Status = AlertStatus.Open });

            // A Pareto reason turned into work on the press; another item linked to it that did not come from the Pareto.
            var pareto = new WorkItem
            {
                ProductId = product.Id, ColumnId = product.Columns["Opportunity"], Title = "Jam: 1 day", Rank = "ya",
                Description = "Jam stopped Press 1.\n\n" + DowntimeWorkItemRequest.ParetoMarker, CreatedAt = hour, UpdatedAt = hour,
            };
            var other = new WorkItem { ProductId = product.Id, ColumnId = product.Columns["Opportunity"], Title = "Paint the press", Rank = "yb", CreatedAt = hour, UpdatedAt = hour };
            db.AddRange(pareto, other,
                new WorkItemLink { WorkItemId = pareto.Id, Kind = LinkKinds.Machine, TargetId = plant.Machine.ToString(), Label = "Press 1" },
                new WorkItemLink { WorkItemId = other.Id, Kind = LinkKinds.Machine, TargetId = plant.Machine.ToString(), Label = "Press 1" },
                new WorkItemLink { WorkItemId = other.Id, Kind = LinkKinds.MaturityDimension, TargetId = $"{assessment}/connectivity", Label = "Connectivity" });

            // Strategy: of two done items' hypotheses one is measured; an item not done yet does not count.
            var notDone = new WorkItem { ProductId = product.Id, ColumnId = product.Columns["Opportunity"], Title = "Later", Rank = "yc", CreatedAt = hour, UpdatedAt = hour };
            db.Add(notDone);
            db.AddRange(
                new KpiHypothesis { WorkItemId = pareto.Id, ProductId = product.Id, Kpi = HypothesisKpi.Availability, ScopeKind = AssetKind.Machine, ScopeId = plant.Machine, DoneAt = hour.AddDays(-3), MeasuredValue = 0.9 },
                new KpiHypothesis { WorkItemId = other.Id, ProductId = product.Id, Kpi = HypothesisKpi.ScrapRate, ScopeKind = AssetKind.Line, ScopeId = plant.Line, DoneAt = hour.AddDays(-1) },
                new KpiHypothesis { WorkItemId = notDone.Id, ProductId = product.Id, Kpi = HypothesisKpi.Oee, ScopeKind = AssetKind.Site, ScopeId = plant.Site });

            // Cybersecurity: beside the press's own credentials, a line gateway's shared one issued 100 days ago (stale);
            // a revoked one does not count.
            db.AddRange(
                new Device { ScopeKind = DeviceScopeKind.Line, ScopeId = plant.Line, ClientId = $"gw-{Guid.NewGuid():N}", Username = $"gw-{Guid.NewGuid():N}", PasswordHash = "x", CreatedAt = hour.AddDays(-100) },
                new Device { ScopeKind = DeviceScopeKind.Line, ScopeId = plant.Line, ClientId = $"gw-{Guid.NewGuid():N}", Username = $"gw-{Guid.NewGuid():N}", PasswordHash = "x", CreatedAt = hour.AddDays(-200), RevokedAt = hour.AddDays(-99) });

            // Organisation: of the two teams serving the plant one covers business, development, test and operations; a
            // team serving nothing of the plant is not counted. The product is the cross-functional team's.
            Discipline[] all = [Discipline.Business, Discipline.Development, Discipline.Test, Discipline.Operations];
            var squad = new Team { Name = "Uptime squad", Members = [.. all.Select(d => new TeamMember(Guid.NewGuid(), d.ToString(), d))], Serves = [new ServedAsset(AssetKind.Line, plant.Line)] };
            db.AddRange(squad,
                new Team { Name = "Developers", Members = [new TeamMember(Guid.NewGuid(), "Dev", Discipline.Development)], Serves = [new ServedAsset(AssetKind.Site, plant.Site)] },
                new Team { Name = "Elsewhere", Members = [.. all.Select(d => new TeamMember(Guid.NewGuid(), d.ToString(), d))] });
            (await db.Products.SingleAsync(p => p.Id == product.Id, ct)).TeamId = squad.Id;

            // WIP: "In development" holds two items over its limit of one; "In test" one within its limit of two.
            foreach (var column in await db.WorkflowColumns.Where(c => c.ProductId == product.Id).ToListAsync(ct))
                column.WipLimit = column.Name switch { "In development" => 1, "In test" => 2, _ => (int?)null };
            foreach (var (title, column) in new[] { ("Dev 1", "In development"), ("Dev 2", "In development"), ("Test 1", "In test") })
                db.Add(new WorkItem { ProductId = product.Id, ColumnId = product.Columns[column], Title = title, Rank = "yd" + title, CreatedAt = hour, UpdatedAt = hour });
            await db.SaveChangesAsync(ct);
        }

        var evidence = await owner.GetJsonAsync($"/api/v1/maturity/evidence/sites/{plant.Site}");

        var energy = Dimension(evidence, "energy");
        Assert.Equal(0.15, Figure(energy, "energy-per-unit")!.Value, 6);
        Assert.Equal(-0.25, Figure(energy, "energy-per-unit-change")!.Value, 6); // 0.15 against 0.2 kWh per unit

        var analytics = Dimension(evidence, "analytics");
        Assert.Equal(0.5, Figure(analytics, "reason-coded-share")!.Value, 3);
        Assert.Equal(2, Figure(analytics, "alert-rules"));
        Assert.Equal(20, Figure(analytics, "median-minutes-to-acknowledge")!.Value, 6);
        Assert.Equal(1, Figure(analytics, "pareto-work-items"));
        Assert.Equal("Developing", analytics.GetProperty("suggested").GetString()); // Established needs 60 % reason-coded

        var security = Dimension(evidence, "cybersecurity");
        Assert.Equal(0.5, Figure(security, "per-machine-credentials-share"));
        Assert.Equal(0.5, Figure(security, "stale-credentials-share"));
        Assert.Equal(0.0, Figure(security, "tls-in-use")); // this app hosts no broker and says nothing of TLS
        Assert.True(Figure(security, "audit-entries") >= 2);

        var culture = Dimension(evidence, "culture");
        Assert.Equal(0.5, Figure(culture, "cross-functional-share"));
        Assert.Equal(0.5, Figure(culture, "wip-discipline"));
        Assert.InRange(Figure(culture, "median-lead-time")!.Value, 0, 1); // created and done within this test
        Assert.InRange(Figure(culture, "median-cycle-time")!.Value, 0, 1);
        Assert.Equal(1.5 / 6.5, Figure(culture, "throughput-variation")!.Value, 6);
        Assert.Equal("Established", culture.GetProperty("suggested").GetString()); // half cross-functional, WIP half kept; Advanced needs 75 %

        var strategy = Dimension(evidence, "strategy");
        Assert.Equal(1.0 / 3, Figure(strategy, "dated-targets-share")!.Value, 6);
        Assert.Equal(0.5, Figure(strategy, "gaps-with-epics-share"));
        Assert.Equal(0.5, Figure(strategy, "measured-hypotheses-share"));
        Assert.Equal("AdHoc", strategy.GetProperty("suggested").GetString()); // Developing needs half the targets dated

        var automation = Dimension(evidence, "automation");
        Assert.Equal(28.0 / 30, Figure(automation, "availability")!.Value, 3);
        Assert.Equal(28.0 / 30 - 0.75, Figure(automation, "availability-change")!.Value, 3);
        Assert.Equal("Developing", automation.GetProperty("suggested").GetString()); // Established needs performance ≥ 70 %
    }

    [Fact]
    public async Task AWebAppBesideAnIngressThatServesTlsSaysTlsIsInUse()
    {
        // As deployed in Azure: the web app hosts no broker (Mqtt:Mode None) and tells devices to use TLS.
        await using var app = new FactoryCloudApp(await _servers.SharedAsync(DatabaseProvider.Postgres), new Dictionary<string, string?> { ["Mqtt:PublicTls"] = "true" });
        var owner = await ApiSession.SignUpAsync(app);
        var plant = await TestPlant.CreateAsync(owner);

        var evidence = await owner.GetJsonAsync($"/api/v1/maturity/evidence/sites/{plant.Site}");

        Assert.Equal(1.0, Figure(Dimension(evidence, "cybersecurity"), "tls-in-use"));
        Assert.Contains("MQTT over TLS: yes", string.Join(" ", Dimension(evidence, "cybersecurity").GetProperty("rule").EnumerateArray().Select(l => l.GetString())));
    }

    [Fact]
    public async Task AnAssessmentsEvidenceFlagsASelfAssessmentMoreThanOneStageFromTheData()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner); // one machine that never reported
        var id = await owner.CreateAssessmentAsync("Plant 1", plant.Site);
        Assert.True((await owner.AnswerAsync(id, "connectivity", 4)).IsSuccessStatusCode);
        Assert.True((await owner.AnswerAsync(id, "analytics", 2)).IsSuccessStatusCode);

        var evidence = await owner.GetJsonAsync($"/api/v1/maturity/assessments/{id}/evidence");

        var connectivity = Dimension(evidence, "connectivity");
        Assert.Equal("AdHoc", connectivity.GetProperty("suggested").GetString()); // onboarded, nothing streams
        Assert.Equal("Advanced", connectivity.GetProperty("selfAssessed").GetString());
        Assert.True(connectivity.GetProperty("disagrees").GetBoolean());
        Assert.False(Dimension(evidence, "analytics").GetProperty("disagrees").GetBoolean()); // 2 against Ad hoc: one stage
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/maturity/assessments/{Guid.NewGuid()}/evidence")).StatusCode);
    }

    [Fact]
    public async Task AModelsTunedThresholdChangesTheSuggestion()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var id = await owner.CreateAssessmentAsync("Plant 1", plant.Site);
        var model = (await owner.GetJsonAsync($"/api/v1/maturity/assessments/{id}")).GetProperty("model");
        var definition = Domain.Maturity.DefaultMaturityModel.Create(); // what the assessment's model holds
        definition.Find("connectivity")!.EvidenceThresholds["streaming-share.2"] = 0; // Developing once any machine is onboarded

        var bad = definition.Copy();
        bad.Find("connectivity")!.EvidenceThresholds["streaming-share.3"] = 2;
        var refused = await owner.Client.PostAsJsonAsync($"/api/v1/maturity/model-versions/{model.GetProperty("id")}/next", new { name = "Tuned", definition = bad });
        var errors = await MaturityApiClient.ErrorsOfAsync(refused);
        Assert.Equal("A share is between 0 and 1.", errors.EnumerateObject().Single(e => e.Name.EndsWith("EvidenceThresholds[streaming-share.3]", StringComparison.Ordinal)).Value[0].GetString());

        var saved = await owner.Client.PostAsJsonAsync($"/api/v1/maturity/model-versions/{model.GetProperty("id")}/next", new { name = "Tuned", definition });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);

        var evidence = await owner.GetJsonAsync($"/api/v1/maturity/evidence/sites/{plant.Site}"); // the latest version
        Assert.Equal("Developing", Dimension(evidence, "connectivity").GetProperty("suggested").GetString());
        Assert.Contains("2 Developing: machines streaming ≥ 0 %.", Dimension(evidence, "connectivity").GetProperty("rule").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task AnotherTenantCannotReadThisTenantsEvidenceNorCountsItsData()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        var id = await owner.CreateAssessmentAsync("Plant 1", plant.Site);
        await plant.IssueCredentialsAsync(owner);
        var stranger = await ApiSession.SignUpAsync(App);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/api/v1/maturity/evidence/sites/{plant.Site}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/api/v1/maturity/assessments/{id}/evidence")).StatusCode);
        var theirs = await stranger.GetJsonAsync("/api/v1/maturity/evidence/organisation");
        Assert.Equal("NotStarted", Dimension(theirs, "connectivity").GetProperty("suggested").GetString());
        Assert.Null(Figure(Dimension(theirs, "cybersecurity"), "per-machine-credentials-share")); // no credentials of theirs
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync($"/api/v1/maturity/evidence/sites/{plant.Site}")).StatusCode);
    }

    [Fact]
    public async Task ASiteWithoutMachinesIsNotStartedAndAnUnknownSiteIsNotFound()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var site = await CreateAsync(owner, "/api/v1/sites", new { key = "empty", name = "Empty", timeZone = "UTC" });

        var evidence = await owner.GetJsonAsync($"/api/v1/maturity/evidence/sites/{site}");

        Assert.Null(Figure(Dimension(evidence, "connectivity"), "streaming-share"));
        Assert.Equal("NotStarted", Dimension(evidence, "connectivity").GetProperty("suggested").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/maturity/evidence/sites/{Guid.NewGuid()}")).StatusCode);
    }

    private static JsonElement Dimension(JsonElement evidence, string key) =>
        evidence.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("key").GetString() == key);

    private static double? Figure(JsonElement dimension, string key)
    {
        var value = dimension.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("key").GetString() == key).GetProperty("value");
        return value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();
    }

    private static async Task RefuseAsync(FactoryCloudApp app, Guid tenantId, Guid deviceId, DateTimeOffset at)
    {
        await using var db = app.Database.Contexts.Create(DataScope.ForTenant(tenantId));
        db.IngestionRefusals.Add(new IngestionRefusal
        {
            DeviceId = deviceId, Reason = RefusalReason.InvalidJson, Topic = "fc/v1/x/plant-1/assembly/line-1/press-1/count",
            Detail = "not JSON", PayloadExcerpt = "{", At = at,
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<Guid> CreateAsync(ApiSession owner, string url, object body)
    {
        var response = await owner.Client.PostAsJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
