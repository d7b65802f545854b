using System.Net;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Testing;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Maturity;
using FactoryCloud.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Demo;

/// <summary>
/// The demo organisation on a fresh SQLite database (the run command's default): every part is seeded through the
/// features' services, a restart seeds nothing twice, and "Reset demo data" restores it for its Owners only.
/// Streaming is switched off (Demo:Stream): these tests are about the content.
/// </summary>
public sealed class DemoContentTests(DatabaseServers servers) : IAsyncLifetime
{
    private static readonly DemoOptions Demo = new();
    private TestDatabase _database = default!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, servers.Postgres);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task EveryPartIsSeededAndASecondStartSeedsNothingTwice()
    {
        DemoCounts first;
        await using (var app = await StartSeededAsync())
        {
            first = await CountsAsync();
            // The business owner's view of each product: one past hypothesis delivered and one missed, with figures.
            var owner = await DemoOwnerAsync(app);
            foreach (var product in (await owner.GetJsonAsync("/api/v1/products")).EnumerateArray())
            {
                var value = await owner.GetJsonAsync($"/api/v1/products/{product.GetProperty("id").GetGuid()}/value");
                var measured = value.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("hypothesis"))
                    .Where(h => h.GetProperty("delivered").ValueKind != JsonValueKind.Null).ToList();
                Assert.Equal([false, true], measured.Select(h => h.GetProperty("delivered").GetBoolean()).Order());
                Assert.All(measured, h => Assert.NotEqual(0, h.GetProperty("actualChange").GetDouble()));
            }
        }

        Assert.Equal(2, first.Teams);
        Assert.Equal("4 members in 4 disciplines|4 members in 4 disciplines", first.TeamMakeup); // cross-functional
        Assert.Equal(2, first.Products);
        Assert.Equal("Active:1 Closed:3|Active:1 Closed:3", first.SprintsPerProduct);
        Assert.Equal(2, first.Sites);
        Assert.Equal(2, first.Assessments);
        Assert.Equal(2, first.AssessedSites);
        Assert.Equal(20, first.AnswersWithTargets); // ten dimensions per assessment, each with a target above today
        Assert.Equal(3, first.GapEpics); // connectivity and analytics of Plant 1, energy of Plant 2
        Assert.Equal(2 + first.GapEpics, first.Epics);
        Assert.True(first.Stories >= 2 * 19, $"{first.Stories} stories");
        Assert.True(first.StoryPoints > 0);
        Assert.Equal(3, first.AlertRules);
        Assert.Equal("Critical Minor Warning", first.Severities);
        Assert.Equal(3, first.PastAlerts);
        Assert.Equal(8, first.Hypotheses); // two measured in past sprints, one in progress and one next in line, per product
        Assert.Equal("2 delivered, 2 missed", first.MeasuredHypotheses);
        Assert.Equal("Assigned Mentioned Sprint, 2 unread", first.Notices);

        await using (var again = await StartSeededAsync()) Assert.Equal(first, await CountsAsync());
    }

    [Fact]
    public async Task ResetDeletesChangesToTheSeededContentAndRestoresTheSameCounts()
    {
        await using var app = await StartSeededAsync();
        var seeded = await CountsAsync();
        var owner = await DemoOwnerAsync(app);
        var product = (await owner.GetJsonAsync("/api/v1/products")).EnumerateArray().First().GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/products/{product}")).StatusCode);
        Assert.NotEqual(seeded, await CountsAsync());

        var reset = await owner.Client.PostAsync("/api/v1/demo/reset", null);

        Assert.True(reset.StatusCode == HttpStatusCode.NoContent, await reset.Content.ReadAsStringAsync());
        Assert.Equal(seeded, await CountsAsync());
    }

    [Fact]
    public async Task OnlyOwnersOfTheDemoOrganisationCanReset()
    {
        await using var app = await StartSeededAsync();
        var seeded = await CountsAsync();
        var owner = await DemoOwnerAsync(app);

        var admin = await owner.AddMemberAsync(app, "Admin");
        var byAdmin = await admin.Client.PostAsync("/api/v1/demo/reset", null);
        Assert.Equal(HttpStatusCode.Forbidden, byAdmin.StatusCode);
        Assert.Equal("application/problem+json", byAdmin.Content.Headers.ContentType?.MediaType);

        var otherOwner = await ApiSession.SignUpAsync(app);
        var byOtherTenant = await otherOwner.Client.PostAsync("/api/v1/demo/reset", null);
        Assert.Equal(HttpStatusCode.NotFound, byOtherTenant.StatusCode);
        Assert.Equal("application/problem+json", byOtherTenant.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync("/api/v1/demo/reset", null)).StatusCode);
        Assert.Equal(seeded, await CountsAsync());
    }

    [Fact]
    public async Task TheSimulatedPlantStreamsThroughTheBuiltInBrokerIntoEveryDemoMachine()
    {
        using var inbox = TempDirectory.Create("fc-demo-inbox");
        await using var app = await StartSeededAsync(new Dictionary<string, string?>
        {
            ["Demo:Stream"] = "true",
            ["Mqtt:Mode"] = "BuiltIn",
            ["Mqtt:BindAddress"] = "127.0.0.1",
            ["Mqtt:Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Inbox:Path"] = Path.Combine(inbox.Path, "inbox.db"),
        });
        var demo = (await DemoOrganisation.FindAsync(_database.Contexts, Demo.Email, default))!;
        var ct = TestContext.Current.CancellationToken;
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        var streaming = new List<Guid>();
        List<Guid> machines;
        do
        {
            await using var db = _database.Contexts.Create(new DataScope(demo.TenantId, null));
            machines = await db.Machines.Select(m => m.Id).ToListAsync(ct);
            streaming = await db.TelemetryEvents.Select(e => e.MachineId).Distinct().ToListAsync(ct);
            if (machines.Count == Demo.MachineCount && streaming.Count == machines.Count) break;
            await Task.Delay(200, ct);
        }
        while (DateTimeOffset.UtcNow < deadline);

        Assert.Equal(Demo.MachineCount, machines.Count);
        Assert.Equal(machines.Order(), streaming.Order());
    }

    /// <summary>Starts the app with the demo on (not streaming unless told) and waits for the demo's seeding to finish.</summary>
    private async Task<FactoryCloudApp> StartSeededAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Demo:Enabled"] = "true", ["Demo:Stream"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var app = new FactoryCloudApp(_database, all);
        _ = app.Server;
        await app.Services.GetRequiredService<DemoStatus>().Seeded.WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
        return app;
    }

    private async Task<DemoCounts> CountsAsync() =>
        await DemoCounts.ReadAsync(_database.Contexts, (await DemoOrganisation.FindAsync(_database.Contexts, Demo.Email, default))!.TenantId);

    private async Task<ApiSession> DemoOwnerAsync(FactoryCloudApp app)
    {
        var demo = (await DemoOrganisation.FindAsync(_database.Contexts, Demo.Email, default))!;
        return await new ApiSession(app.CreateClient(), demo.TenantId, demo.Slug, demo.OwnerId, Demo.Email, Demo.Password).LoginAsync(demo.Slug);
    }
}
