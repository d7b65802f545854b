using System.Security.Claims;
using FactoryCloud.Infrastructure.Configuration;
using FactoryCloud.Web.Features.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using OpenIdConnectOptions = Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace FactoryCloud.Web.Features.Entra;

/// <summary>
/// Microsoft Entra ID beside the local accounts, when <c>Authentication:Entra:ClientId</c> is set: an OpenID Connect
/// sign-in (Microsoft.Identity.Web, multi-tenant, issuer validated per token tenant) that ends in the same
/// application cookie as a password sign-in, and JWT access tokens for the REST API. Both map (tid, oid) to a
/// FactoryCloud user through <see cref="EntraSignInService"/>; the membership claims are then added per request
/// exactly as for local accounts.
/// </summary>
public static class EntraAuthentication
{
    private const string ScopeClaim = "scp";
    private const string ScopeClaimLong = "http://schemas.microsoft.com/identity/claims/scope";

    public static WebApplicationBuilder AddEntraSignIn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(EntraOptions.Section);
        services.AddOptions<EntraOptions>().Bind(section).ValidatedOnStart(o => o.Validate());
        services.AddScoped<EntraSignInService>();
        services.AddScoped<EntraLinkService>();
        var options = section.Get<EntraOptions>() ?? new EntraOptions();
        if (!options.Enabled) return builder;

        var authentication = new AuthenticationBuilder(services);
        authentication.AddMicrosoftIdentityWebApp(identity =>
            {
                section.Bind(identity);
                // Sign-in only (no downstream API calls): the id_token by form_post is all we need, and no client secret.
                identity.ResponseType = OpenIdConnectResponseType.IdToken;
                identity.ResponseMode = OpenIdConnectResponseMode.FormPost;
                identity.SignInScheme = IdentityConstants.ExternalScheme;
                identity.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect("/account/entra/not-registered?reason=Failed");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            },
            configureCookieAuthenticationOptions: null,
            openIdConnectScheme: EntraOptions.SignInScheme,
            cookieScheme: null,
            displayName: "Microsoft Entra ID");

        // After Microsoft.Identity.Web's own configuration, before ASP.NET Core checks the metadata address.
        services.Configure<OpenIdConnectOptions>(EntraOptions.SignInScheme, oidc => oidc.RequireHttpsMetadata = options.RequireHttpsMetadata);
        services.Configure<JwtBearerOptions>(EntraOptions.BearerScheme, jwt => jwt.RequireHttpsMetadata = options.RequireHttpsMetadata);

        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, cookie =>
        {
            var validate = cookie.Events.OnValidatePrincipal;
            cookie.Events.OnValidatePrincipal = context => RefuseEndedEntraSessionAsync(context, validate);
        });

        authentication.AddMicrosoftIdentityWebApi(
            _ => { },
            identity => section.Bind(identity),
            EntraOptions.BearerScheme);
        // Entra's multi-tenant issuer template. Microsoft.Identity.Web's issuer validator replaces {tenantid} with the
        // token's tid, so a token is only valid when its issuer names the same tenant as its tid claim.
        string[] issuerTemplates = [$"{options.Instance.TrimEnd('/')}/{{tenantid}}/v2.0"];
        services.PostConfigure<OpenIdConnectOptions>(EntraOptions.SignInScheme, oidc => oidc.TokenValidationParameters.ValidIssuers = issuerTemplates);
        services.PostConfigure<JwtBearerOptions>(EntraOptions.BearerScheme, jwt =>
        {
            jwt.TokenValidationParameters.ValidIssuers = issuerTemplates;
            var validated = jwt.Events.OnTokenValidated;
            jwt.Events.OnTokenValidated = async context =>
            {
                await validated(context);
                if (context.Result is null) await MapToFactoryCloudUserAsync(context);
            };
        });
        services.PostConfigure<PolicySchemeOptions>(WebSetup.SmartScheme, policy =>
        {
            var fallback = policy.ForwardDefaultSelector;
            policy.ForwardDefaultSelector = context => IsJwtBearer(context) ? EntraOptions.BearerScheme : fallback?.Invoke(context);
        });
        return builder;
    }

    /// <summary>An Entra sign-in older than its lifetime ends the cookie session; the user signs in with Entra again.</summary>
    private static async Task RefuseEndedEntraSessionAsync(CookieValidatePrincipalContext context, Func<CookieValidatePrincipalContext, Task> next)
    {
        var services = context.HttpContext.RequestServices;
        var lifetime = services.GetRequiredService<IOptions<EntraOptions>>().Value.SessionLifetime;
        if (context.Principal is { } principal && EntraSession.HasEnded(principal, services.GetRequiredService<TimeProvider>().GetUtcNow(), lifetime))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await next(context);
    }

    /// <summary>A JWT has three dot-separated parts; the local bearer tokens are opaque data-protected strings without dots.</summary>
    private static bool IsJwtBearer(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Count(c => c == '.') == 2;
    }

    /// <summary>Replaces the token's principal with the FactoryCloud user it maps to, or refuses the token.</summary>
    private static async Task MapToFactoryCloudUserAsync(TokenValidatedContext context)
    {
        var entra = context.HttpContext.RequestServices.GetRequiredService<IOptions<EntraOptions>>().Value;
        var principal = context.Principal!;
        var scopes = (principal.FindFirstValue(ScopeClaim) ?? principal.FindFirstValue(ScopeClaimLong) ?? "").Split(' ');
        if (!scopes.Contains(entra.ApiScope, StringComparer.Ordinal))
        {
            context.Fail($"The access token lacks the scope '{entra.ApiScope}'.");
            return;
        }
        if (EntraIdentity.From(principal) is not { } identity)
        {
            context.Fail("The access token has no tid and oid claims.");
            return;
        }

        var result = await context.HttpContext.RequestServices.GetRequiredService<EntraSignInService>()
            .SignInAsync(identity, context.HttpContext.RequestAborted);
        if (result.Status != EntraSignInStatus.SignedIn)
        {
            context.Fail($"Entra sign-in refused: {result.Status}.");
            return;
        }
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, result.UserId!.Value.ToString()),
                new Claim(ClaimTypes.Name, identity.Email ?? identity.ObjectId.ToString()),
                new Claim(TenantClaims.PreferredTenant, result.TenantId!.Value.ToString()),
                new Claim("tid", identity.EntraTenantId.ToString()),
                new Claim("oid", identity.ObjectId.ToString()),
            ],
            EntraOptions.BearerScheme));
    }
}
