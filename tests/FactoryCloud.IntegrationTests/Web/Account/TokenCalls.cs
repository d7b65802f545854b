using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.AccessTokens;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.IntegrationTests.Web.Account;

/// <summary>The token endpoints as a client calls them, and the stored rows behind them.</summary>
public static class TokenCalls
{
    public sealed record Pair(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Signs in through the API and returns the access and refresh token (the session's client is not changed).</summary>
    public static async Task<Pair> LoginAsync(FactoryCloudApp app, ApiSession session, string? tenantSlug = null)
    {
        using var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = session.Email, password = session.Password, tenant = tenantSlug }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Pair>(Ct))!;
    }

    public static async Task<HttpResponseMessage> RefreshAsync(FactoryCloudApp app, string refreshToken)
    {
        using var client = app.CreateClient();
        return await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken }, Ct);
    }

    public static async Task<Pair> RefreshedAsync(FactoryCloudApp app, string refreshToken)
    {
        var response = await RefreshAsync(app, refreshToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Pair>(Ct))!;
    }

    /// <summary>A client that sends <paramref name="token"/> (an access token or a personal access token) and no cookie.</summary>
    public static HttpClient WithToken(FactoryCloudApp app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path) => (await client.GetAsync(path, Ct)).StatusCode;

    /// <summary>Creates a personal access token through <paramref name="client"/>; returns its id and secret.</summary>
    public static async Task<(Guid Id, string Secret)> CreatePatAsync(
        HttpClient client, string plants = "None", string backlogs = "None", string maturity = "None", string name = "script")
    {
        var response = await client.PostAsJsonAsync("/api/v1/tokens",
            new { name, plants, backlogs, maturity, expiresAt = DateTimeOffset.UtcNow.AddDays(30) }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("token").GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!);
    }

    public static async Task<IReadOnlyList<RefreshToken>> RefreshRowsAsync(FactoryCloudApp app, Guid userId)
    {
        await using var db = app.Database.Contexts.Create(DataScope.None);
        return await db.RefreshTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(Ct);
    }

    public static async Task UpdateRefreshRowsAsync(FactoryCloudApp app, Guid userId, Action<RefreshToken> change)
    {
        await using var db = app.Database.Contexts.Create(DataScope.None);
        foreach (var row in await db.RefreshTokens.Where(t => t.UserId == userId).ToListAsync(Ct)) change(row);
        await db.SaveChangesAsync(Ct);
    }

    public static async Task<PersonalAccessToken> PatRowAsync(FactoryCloudApp app, Guid tenantId, Guid id)
    {
        await using var db = app.Database.Contexts.Create(DataScope.ForTenant(tenantId));
        return await db.PersonalAccessTokens.AsNoTracking().SingleAsync(t => t.Id == id, Ct);
    }
}
