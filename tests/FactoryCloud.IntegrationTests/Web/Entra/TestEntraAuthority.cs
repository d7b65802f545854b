using FactoryCloud.IntegrationTests.Fixtures;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FactoryCloud.IntegrationTests.Web.Entra;

/// <summary>
/// A stand-in for Microsoft Entra ID on 127.0.0.1: it serves the multi-tenant discovery document (issuer
/// <c>{base}/{tenantid}/v2.0</c>, as Entra's <c>organizations</c> endpoint does) and its signing key, and issues
/// RS256 tokens with a key generated for this run. The app validates them with Microsoft.Identity.Web as it would
/// Entra's.
/// </summary>
public sealed class TestEntraAuthority : IAsyncDisposable
{
    public const string ClientId = "5d1f8f3e-3c4a-4a55-9b53-6f3f8f0f2a11";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private TestEntraAuthority(WebApplication app, RsaSecurityKey key, string baseUrl)
    {
        _app = app;
        _key = key;
        BaseUrl = baseUrl;
    }

    /// <summary><c>http://127.0.0.1:port/</c>: the app's <c>Authentication:Entra:Instance</c>.</summary>
    public string BaseUrl { get; }

    public string AuthorizeEndpoint => BaseUrl + "organizations/oauth2/v2.0/authorize";

    /// <summary>The app settings that point the web app at this authority.</summary>
    public IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["Authentication:Entra:Instance"] = BaseUrl,
        ["Authentication:Entra:TenantId"] = "organizations",
        ["Authentication:Entra:ClientId"] = ClientId,
        // Plain HTTP is allowed for this loopback authority only.
        ["Authentication:Entra:RequireHttpsMetadata"] = "false",
    };

    public static async Task<TestEntraAuthority> StartAsync()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };
        WebApplication app;
        await InProcessHosts.BuildLock.WaitAsync(); // see InProcessHosts
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            app = builder.Build();
        }
        finally
        {
            InProcessHosts.BuildLock.Release();
        }
        var authority = new TestEntraAuthority(app, key, "");
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (HttpContext context) => Results.Json(authority.DiscoveryDocument(BaseOf(context))));
        app.MapGet("/discovery/v2.0/keys", () => Results.Json(new { keys = new[] { authority.PublicJwk() } }));
        await app.StartAsync();
        var address = app.Urls.Single();
        return new TestEntraAuthority(app, key, address.TrimEnd('/') + "/");
    }

    private static string BaseOf(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}/";

    private Dictionary<string, object> DiscoveryDocument(string baseUrl) => new()
    {
        ["issuer"] = baseUrl + "{tenantid}/v2.0",
        ["authorization_endpoint"] = baseUrl + "organizations/oauth2/v2.0/authorize",
        ["token_endpoint"] = baseUrl + "organizations/oauth2/v2.0/token",
        ["end_session_endpoint"] = baseUrl + "organizations/oauth2/v2.0/logout",
        ["jwks_uri"] = baseUrl + "discovery/v2.0/keys",
        ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
        ["response_types_supported"] = new[] { "code", "id_token", "code id_token", "id_token token" },
        ["subject_types_supported"] = new[] { "pairwise" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
    };

    private Dictionary<string, object> PublicJwk()
    {
        var parameters = _key.Rsa.ExportParameters(includePrivateParameters: false);
        return new()
        {
            ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = _key.KeyId!,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    /// <summary>A v2.0 access token for the app's API (audience = client id, scope <c>access_as_user</c>), as Entra issues it.</summary>
    public string AccessToken(EntraUser user, string? audience = null, string scope = "access_as_user", DateTimeOffset? expires = null, Guid? issuerTenant = null)
    {
        var claims = user.Claims();
        claims["scp"] = scope;
        claims["azp"] = Guid.NewGuid().ToString();
        return Issue(claims, audience ?? ClientId, expires, issuerTenant ?? user.TenantId);
    }

    /// <summary>An id_token for the interactive sign-in, bound to the request's nonce.</summary>
    public string IdToken(EntraUser user, string nonce)
    {
        var claims = user.Claims();
        claims["nonce"] = nonce;
        return Issue(claims, ClientId, null, user.TenantId);
    }

    private string Issue(Dictionary<string, object> claims, string audience, DateTimeOffset? expires, Guid issuerTenant)
    {
        var now = DateTimeOffset.UtcNow;
        var expiresAt = expires ?? now.AddHours(1);
        var issuedAt = expiresAt < now ? expiresAt.AddHours(-1) : now.AddMinutes(-1);
        claims["ver"] = "2.0";
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = $"{BaseUrl}{issuerTenant:D}/v2.0",
            Audience = audience,
            Claims = claims,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>A user of an Entra tenant, as the tokens describe them.</summary>
public sealed record EntraUser(Guid TenantId, Guid ObjectId, string Email, params Guid[] Groups)
{
    public static EntraUser Create(Guid tenantId, params Guid[] groups) =>
        new(tenantId, Guid.NewGuid(), $"entra-{Guid.NewGuid():N}@contoso.test", groups);

    internal Dictionary<string, object> Claims()
    {
        var claims = new Dictionary<string, object>
        {
            ["tid"] = TenantId.ToString(), ["oid"] = ObjectId.ToString(), ["sub"] = ObjectId.ToString("N"),
            ["preferred_username"] = Email, ["name"] = "Entra " + Email.Split('@')[0],
        };
        if (Groups.Length > 0) claims["groups"] = Groups.Select(g => g.ToString()).ToArray();
        return claims;
    }
}

