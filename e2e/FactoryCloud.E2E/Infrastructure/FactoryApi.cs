using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace FactoryCloud.E2E.Infrastructure;

/// <summary>
/// The REST API as an integrator uses it, with a bearer token: sets up the data a journey starts from, so a test
/// spends its browser time on what it checks.
/// </summary>
public sealed class FactoryApi : IDisposable
{
    private readonly HttpClient _http;

    private FactoryApi(HttpClient http) => _http = http;

    /// <summary>Creates an organisation with its Owner (through <c>POST /api/v1/signup</c>) and signs in as them.</summary>
    public static async Task<FactoryApi> SignUpAsync(Uri baseAddress, string organisation, string name, string email)
    {
        using (var anonymous = new HttpClient { BaseAddress = baseAddress })
        {
            var signUp = await anonymous.PostAsJsonAsync("api/v1/signup", new { organization = organisation, name, email, password = Ui.Password });
            Assert.True(signUp.IsSuccessStatusCode, $"sign-up: {signUp.StatusCode} {await signUp.Content.ReadAsStringAsync()}");
        }
        return await SignInAsync(baseAddress, email);
    }

    /// <summary>Signs in an existing member (<c>POST /api/v1/auth/login</c>) and keeps their bearer token.</summary>
    public static async Task<FactoryApi> SignInAsync(Uri baseAddress, string email)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        var login = await http.PostAsJsonAsync("api/v1/auth/login", new { email, password = Ui.Password });
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return new FactoryApi(http);
    }

    public async Task<JsonElement> GetAsync(string url) => await _http.GetFromJsonAsync<JsonElement>(url);

    public async Task<JsonElement> PostAsync(string url, object? body = null)
    {
        var response = body is null ? await _http.PostAsync(url, null) : await _http.PostAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task PutAsync(string url, object body)
    {
        var response = await _http.PutAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, $"PUT {url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<Guid> CreateAsync(string url, object body) => (await PostAsync(url, body)).GetProperty("id").GetGuid();

    /// <summary>A site with one area, line and machine (ideal cycle 1 s) and a device's credentials for the machine.</summary>
    public async Task<PlantSetUp> CreatePlantAsync(string key, string name, string machineName = "Press 1")
    {
        var site = await CreateAsync("api/v1/sites", new { key, name, timeZone = "UTC", shifts = Array.Empty<object>() });
        var area = await CreateAsync($"api/v1/sites/{site}/areas", new { key = "assembly", name = "Assembly" });
        var line = await CreateAsync($"api/v1/areas/{area}/lines", new { key = "line-1", name = "Line 1" });
        var machine = await CreateAsync($"api/v1/lines/{line}/machines", new { key = "press-1", name = machineName, idealCycleTimeSeconds = 1.0 });
        var credentials = await PostAsync($"api/v1/machines/{machine}/devices");
        return new PlantSetUp(site, machine, credentials);
    }

    /// <summary>An invitation's link to share (the API returns it; no mail server is configured).</summary>
    public async Task<string> InviteAsync(string email, string role) =>
        (await PostAsync("api/v1/invitations", new { email, role })).GetProperty("link").GetString()!;

    public void Dispose() => _http.Dispose();
}

public sealed record PlantSetUp(Guid Site, Guid Machine, JsonElement Credentials);
