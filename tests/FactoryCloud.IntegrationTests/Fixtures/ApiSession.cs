using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace FactoryCloud.IntegrationTests.Fixtures;

/// <summary>A signed-up organisation's owner (or any account) calling the REST API with a bearer token.</summary>
public sealed record ApiSession(HttpClient Client, Guid TenantId, string Slug, Guid UserId, string Email, string Password)
{
    public const string DefaultPassword = "Correct-Horse-9";

    public sealed record SignUpResponse(Guid TenantId, string Slug, Guid UserId);
    public sealed record TokenResponse(string AccessToken);

    public static Task<ApiSession> SignUpAsync(FactoryCloudApp app, string? organization = null) => SignUpAsync(app.CreateClient(), organization);

    /// <summary>Signs up through <paramref name="client"/>, which may also talk to the app running as a separate process.</summary>
    public static async Task<ApiSession> SignUpAsync(HttpClient client, string? organization = null)
    {
        var email = $"owner-{Guid.NewGuid():N}@example.test";
        var body = new { organization = organization ?? "Org " + Guid.NewGuid().ToString("N")[..8], email, password = DefaultPassword };
        var response = await client.PostAsJsonAsync("/api/v1/signup", body);
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<SignUpResponse>())!;
        var session = new ApiSession(client, created.TenantId, created.Slug, created.UserId, email, DefaultPassword);
        await session.LoginAsync();
        return session;
    }

    /// <summary>Exchanges email and password for a bearer token for one of the account's tenants.</summary>
    public async Task<ApiSession> LoginAsync(string? tenantSlug = null)
    {
        Client.DefaultRequestHeaders.Authorization = null;
        var response = await Client.PostAsJsonAsync("/api/v1/auth/login", new { email = Email, password = Password, tenant = tenantSlug });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return this;
    }

    /// <summary>Invites <paramref name="email"/> with <paramref name="role"/> and returns the invitation token.</summary>
    public async Task<string> InviteAsync(string email, string role)
    {
        var response = await Client.PostAsJsonAsync("/api/v1/invitations", new { email, role });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("link").GetString()!.Split('/')[^1];
    }

    /// <summary>Adds a new account to this tenant with <paramref name="role"/>, signed in to this tenant.</summary>
    public async Task<ApiSession> AddMemberAsync(FactoryCloudApp app, string role)
    {
        var member = await SignUpAsync(app);
        var token = await InviteAsync(member.Email, role);
        (await member.Client.PostAsJsonAsync("/api/v1/invitations/accept", new { token })).EnsureSuccessStatusCode();
        return await member.LoginAsync(Slug);
    }
}
