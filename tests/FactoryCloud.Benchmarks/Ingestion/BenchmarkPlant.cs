using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace FactoryCloud.Benchmarks.Ingestion;

/// <summary>MQTT credentials as the API issues them once.</summary>
internal sealed record DeviceCredentials(string ClientId, string Username, string Password);

/// <summary>
/// A plant onboarded through the REST API as a plant manager would: an organisation, a 24/7 site in UTC, one line of
/// machines <c>m-001</c>... (ideal cycle 1 s), and device credentials issued per machine or for the line's gateway.
/// </summary>
internal sealed class BenchmarkPlant(HttpClient client, string slug, Guid lineId, IReadOnlyList<Guid> machineIds)
{
    private const string Password = "Benchmark-Plant-2026";

    public string Slug => slug;
    public Guid LineId => lineId;
    public IReadOnlyList<Guid> MachineIds => machineIds;

    public string Topic(int machine, string channel = "count") => $"fc/v1/{slug}/plant-1/assembly/line-1/{MachineKey(machine)}/{channel}";

    public static string MachineKey(int machine) => $"m-{machine + 1:000}";

    public static async Task<BenchmarkPlant> OnboardAsync(Uri baseAddress, int machines)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var email = $"bench-{Guid.NewGuid():N}@example.test";
        (await client.PostAsJsonAsync("/api/v1/signup", new { organization = "Benchmark Works", email, password = Password })).EnsureSuccessStatusCode();
        var login = await ReadAsync(await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password }));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());

        var site = await CreateAsync(client, "/api/v1/sites", new { key = "plant-1", name = "Plant 1", timeZone = "UTC", shifts = Array.Empty<object>() });
        var area = await CreateAsync(client, $"/api/v1/sites/{site}/areas", new { key = "assembly", name = "Assembly" });
        var line = await CreateAsync(client, $"/api/v1/areas/{area}/lines", new { key = "line-1", name = "Line 1" });
        var ids = new List<Guid>(machines);
        for (var i = 0; i < machines; i++)
            ids.Add(await CreateAsync(client, $"/api/v1/lines/{line}/machines", new { key = MachineKey(i), name = $"Machine {i + 1}", idealCycleTimeSeconds = 1.0 }));
        var me = await ReadAsync(await client.GetAsync("/api/v1/me"));
        // Access tokens are short-lived; a burst run lasts longer. A personal access token for the plant area lasts the run.
        var pat = await ReadAsync(await client.PostAsJsonAsync("/api/v1/tokens",
            new { name = "benchmark", plants = "ReadWrite", backlogs = "None", maturity = "None", expiresAt = DateTimeOffset.UtcNow.AddDays(2) }));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", pat.GetProperty("secret").GetString());
        return new BenchmarkPlant(client, me.GetProperty("active").GetProperty("tenantSlug").GetString()!, line, ids);
    }

    public Task<DeviceCredentials> IssueForMachineAsync(int machine) => IssueAsync($"/api/v1/machines/{machineIds[machine]}/devices");

    public Task<DeviceCredentials> IssueForLineAsync() => IssueAsync($"/api/v1/lines/{lineId}/devices");

    private async Task<DeviceCredentials> IssueAsync(string path)
    {
        var issued = await ReadAsync(await client.PostAsync(path, null));
        return new DeviceCredentials(issued.GetProperty("clientId").GetString()!, issued.GetProperty("username").GetString()!, issued.GetProperty("password").GetString()!);
    }

    /// <summary>The line's good count over the window, as the KPI API reports it.</summary>
    public async Task<long> GoodCountAsync(DateTimeOffset from, DateTimeOffset to)
    {
        var kpis = await ReadAsync(await client.GetAsync($"/api/v1/lines/{lineId}/kpis?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}"));
        return kpis.GetProperty("goodCount").GetInt64();
    }

    /// <summary>
    /// Polls the KPI API every 50 ms until the line counts <paramref name="expected"/> good parts; returns when it
    /// first did. Called once the publishers are done, so polling never competes with them for the CPU.
    /// </summary>
    public async Task<DateTime> WaitForGoodCountAsync(long expected, DateTimeOffset from, DateTimeOffset to, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long seen = -1;
        while (DateTime.UtcNow < deadline)
        {
            seen = await GoodCountAsync(from, to);
            if (seen >= expected) return DateTime.UtcNow;
            await Task.Delay(50);
        }
        throw new TimeoutException($"The KPI API counted {seen:N0} of {expected:N0} good parts after {timeout}.");
    }

    /// <summary>The tenant's waiting messages and the oldest wait, from the ingestion health API.</summary>
    public async Task<(long Waiting, double OldestWaitSeconds)> LagAsync()
    {
        var lag = (await ReadAsync(await client.GetAsync("/api/v1/ingestion/health"))).GetProperty("lag");
        return (lag.GetProperty("waitingMessages").GetInt64(), TimeSpan.Parse(lag.GetProperty("oldestWait").GetString()!, System.Globalization.CultureInfo.InvariantCulture).TotalSeconds);
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string path, object body) =>
        (await ReadAsync(await client.PostAsJsonAsync(path, body))).GetProperty("id").GetGuid();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
