using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FactoryCloud.IntegrationTests.Fixtures;

/// <summary>A plant built through the REST API: plant-1 / assembly / line-1 / press-1.</summary>
public sealed record TestPlant(Guid Site, Guid Area, Guid Line, Guid Machine)
{
    public static async Task<TestPlant> CreateAsync(ApiSession owner)
    {
        var site = await CreatedIdAsync(() => owner.Client.PostAsJsonAsync("/api/v1/sites", new
        {
            key = "plant-1", name = "Plant 1", timeZone = "Europe/Berlin",
            shifts = new[] { new { day = "Monday", start = "06:00:00", end = "14:00:00", kind = "Production", name = "Early" } },
        }));
        var area = await CreatedIdAsync(() => owner.Client.PostAsJsonAsync($"/api/v1/sites/{site}/areas", new { key = "assembly", name = "Assembly" }));
        var line = await CreatedIdAsync(() => owner.Client.PostAsJsonAsync($"/api/v1/areas/{area}/lines", new { key = "line-1", name = "Line 1" }));
        var machine = await CreatedIdAsync(() => owner.Client.PostAsJsonAsync($"/api/v1/lines/{line}/machines", new
        {
            key = "press-1", name = "Press 1", idealCycleTimeSeconds = 2.5, productCycleTimes = new Dictionary<string, double> { ["sku-1"] = 1.5 },
        }));
        return new TestPlant(site, area, line, machine);
    }

    /// <summary>
    /// Makes the site a 24/7 plant in UTC (no shift calendar: the whole window is planned), for tests whose windows
    /// depend on when they run.
    /// </summary>
    public async Task WithoutShiftCalendarAsync(ApiSession owner)
    {
        var response = await owner.Client.PutAsJsonAsync($"/api/v1/sites/{Site}", new { key = "plant-1", name = "Plant 1", timeZone = "UTC", shifts = Array.Empty<object>() });
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Issues credentials for the machine (or a line or site: <paramref name="level"/> is machines, lines or sites).</summary>
    public async Task<JsonElement> IssueCredentialsAsync(ApiSession owner, string level = "machines")
    {
        var id = level switch { "lines" => Line, "sites" => Site, _ => Machine };
        var response = await owner.Client.PostAsync($"/api/v1/{level}/{id}/devices", null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<Guid> CreatedIdAsync(Func<Task<HttpResponseMessage>> send)
    {
        var response = await send();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
