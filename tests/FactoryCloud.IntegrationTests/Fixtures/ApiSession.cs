using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace FactoryCloud.IntegrationTests.Fixtures;

/// <summary>A signed-up organisation's owner (or any account) calling the REST API with a bearer token.</summary>
public sealed record ApiSession(HttpClient Client, Guid TenantId, string Slug, Guid UserId, string Email, string Password)
{
    public const string DefaultPassword = "Correct-Horse-9";

    public sealed record TokenResponse(string AccessToken);

    public static Task<ApiSession> SignUpAsync(FactoryCloudApp app, string? organization = null) => SignUpAsync(app.CreateClient(), organization);

    /// <summary>
    /// Signs up through <paramref name="client"/>, which may also talk to the app running as a separate process, and
    /// signs in. Sign-up answers 202 whether or not the address was taken, so the organisation is read from
    /// <c>/api/v1/me</c>. Works where no mail server is configured (addresses need no confirmation there);
    /// <c>AccountRecoveryTests</c> confirm through the emailed link.
    /// </summary>
    public static async Task<ApiSession> SignUpAsync(HttpClient client, string? organization = null)
    {
        var email = $"owner-{Guid.NewGuid():N}@example.test";
        var body = new { organization = organization ?? "Org " + Guid.NewGuid().ToString("N")[..8], email, password = DefaultPassword };
        var response = await client.PostAsJsonAsync("/api/v1/signup", body);
        response.EnsureSuccessStatusCode();
        return await SignedInAsync(client, email, DefaultPassword);
    }

    /// <summary>Signs in an existing account and reads its user id and first organisation from <c>/api/v1/me</c>.</summary>
    public static async Task<ApiSession> SignedInAsync(HttpClient client, string email, string password)
    {
        var session = await new ApiSession(client, Guid.Empty, "", Guid.Empty, email, password).LoginAsync();
        var me = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/me");
        var active = me.GetProperty("active");
        return session with
        {
            TenantId = active.GetProperty("tenantId").GetGuid(),
            Slug = active.GetProperty("tenantSlug").GetString()!,
            UserId = me.GetProperty("userId").GetGuid(),
        };
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
