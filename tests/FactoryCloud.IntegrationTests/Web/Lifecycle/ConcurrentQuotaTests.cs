using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Lifecycle;

/// <summary>
/// Concurrent adds against a quota with room for fewer than are sent: exactly the room is added and every other request
/// is refused with the quota's problem (the check and the save are one step per tenant), on both providers; another
/// tenant's adds are not held up by the first one's lock.
/// </summary>
public sealed class ConcurrentQuotaTests(DatabaseServers servers)
{
    private const int Requests = 8;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task ConcurrentAddsNeverPassAQuotaOnlyOneOfThemFits(DatabaseProvider provider)
    {
        await using var app = new FactoryCloudApp(await servers.SharedAsync(provider), new Dictionary<string, string?>
        {
            ["Quotas:Plans:Race:Sites"] = "3",
            ["Quotas:Plans:Race:Machines"] = "3",
            ["Quotas:Plans:Race:Devices"] = "2",
            ["Quotas:Plans:Race:Members"] = "3",
        });
        var owner = await ApiSession.SignUpAsync(app);
        var plant = await TestPlant.CreateAsync(owner); // one site, one machine
        await SetPlanAsync(app, owner.TenantId, "Race");

        await AssertExactlyAsync(2, "sites", i => owner.Client.PostAsJsonAsync("/api/v1/sites",
            new { key = $"plant-{i + 2}", name = $"Plant {i + 2}", timeZone = "UTC", shifts = Array.Empty<object>() }, Ct));
        await AssertExactlyAsync(2, "machines", i => owner.Client.PostAsJsonAsync($"/api/v1/lines/{plant.Line}/machines",
            new { key = $"press-{i + 2}", name = $"Press {i + 2}", idealCycleTimeSeconds = 2.0 }, Ct));
        await AssertExactlyAsync(2, "devices", _ => owner.Client.PostAsync($"/api/v1/machines/{plant.Machine}/devices", null, Ct));
        await AssertExactlyAsync(2, "members", i => owner.Client.PostAsJsonAsync("/api/v1/invitations",
            new { email = $"race-{i}-{Guid.NewGuid():N}@example.com", role = "Viewer" }, Ct));

        var usage = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/organisation/usage", Ct);
        var used = usage.GetProperty("quotas").EnumerateArray().ToDictionary(q => q.GetProperty("quota").GetString()!, q => q.GetProperty("used").GetInt64());
        Assert.Equal((3L, 3L, 2L, 3L), (used["sites"], used["machines"], used["devices"], used["members"]));
    }

    private static async Task AssertExactlyAsync(int fits, string quota, Func<int, Task<HttpResponseMessage>> add)
    {
        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, Requests).Select(async i =>
        {
            await start.WaitAsync(Ct);
            return await add(i);
        }).ToList();
        start.Release(Requests);
        var responses = await Task.WhenAll(requests);
        try
        {
            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.True(statuses.Count(s => s == HttpStatusCode.Created) == fits, $"{quota}: {string.Join(", ", statuses)}");
            Assert.Equal(Requests - fits, statuses.Count(s => s == HttpStatusCode.Conflict));
            foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
                Assert.Equal($"urn:factorycloud:quota-exceeded:{quota}", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString());
        }
        finally
        {
            foreach (var response in responses) response.Dispose();
        }
    }

    private static async Task SetPlanAsync(FactoryCloudApp app, Guid tenant, string plan)
    {
        await using var db = app.Services.GetRequiredService<AppDbContextFactory>().Create(DataScope.ForTenant(tenant));
        db.TenantPlans.Add(new TenantPlan { Plan = plan });
        await db.SaveChangesAsync(Ct);
    }
}
