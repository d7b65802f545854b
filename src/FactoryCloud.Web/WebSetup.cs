using FactoryCloud.Infrastructure;
using FactoryCloud.Infrastructure.Configuration;
using FactoryCloud.Infrastructure.Files;
using FactoryCloud.Infrastructure.Identity;
using FactoryCloud.Infrastructure.Observability;
using FactoryCloud.Infrastructure.Pipeline;
using FactoryCloud.Web.Common.Errors;
using FactoryCloud.Web.Common.RateLimiting;
using FactoryCloud.Web.Common.Security;
using FactoryCloud.Web.Features.Account;
using FactoryCloud.Web.Features.Account.Tokens;
using FactoryCloud.Web.Features.Alerts;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Dashboards;
using FactoryCloud.Web.Features.Demo;
using FactoryCloud.Web.Features.Entra;
using FactoryCloud.Web.Features.Ingestion;
using FactoryCloud.Web.Features.Kpis;
using FactoryCloud.Web.Features.Lifecycle;
using FactoryCloud.Web.Features.Maturity;
using FactoryCloud.Web.Features.Notifications;
using FactoryCloud.Web.Features.Plants;
using FactoryCloud.Web.Features.Programs;
using FactoryCloud.Web.Features.Tenancy;
using FactoryCloud.Web.Features.Value;
using FactoryCloud.Web.Features.Webhooks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace FactoryCloud.Web;

/// <summary>Service registration and the request pipeline, kept out of Program.cs so each reads at a glance.</summary>
public static class WebSetup
{
    /// <summary>Picks the bearer-token scheme for API calls that carry one, the cookie otherwise.</summary>
    public const string SmartScheme = "FactoryCloud";

    public static WebApplicationBuilder AddFactoryCloudWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddFactoryCloudObservability("factorycloud-web");
        services.AddFactoryCloudPersistence(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddFileStore(builder.Configuration);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddScoped<CircuitHandler, TenantCircuitHandler>();
        services.Configure<SessionRevalidationOptions>(builder.Configuration.GetSection(SessionRevalidationOptions.Section));
        services.AddScoped<SessionAccessCheck>();
        services.AddScoped<AuthenticationStateProvider, MembershipRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie, bearer token or personal access token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString() switch
                {
                    var header when PersonalAccessTokenAuthentication.Carries(header) => PersonalAccessTokenAuthentication.SchemeName,
                    var header when header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) => IdentityConstants.BearerScheme,
                    _ => IdentityConstants.ApplicationScheme,
                })
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromMinutes(15);
                o.Events.OnMessageReceived = RefuseStaleBearerToken;
            })
            .AddAccessTokens()
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/account/login";
                o.AccessDeniedPath = "/account/access-denied";
                o.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
            }));
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            // The periodic security-stamp refresh rebuilds the principal from the user store: keep what the sign-in added.
            foreach (var type in (string[])[TenantClaims.PreferredTenant, EntraSession.SignedInAtClaim])
                if (context.CurrentPrincipal?.FindFirst(type) is { } claim)
                    (context.NewPrincipal?.Identity as System.Security.Claims.ClaimsIdentity)?.AddClaim(new(claim.Type, claim.Value));
            return Task.CompletedTask;
        });

        services.AddAccounts(builder.Configuration);
        builder.AddEntraSignIn();
        services.AddScoped<IClaimsTransformation, MembershipClaimsTransformation>();
        services.AddAuthorizationBuilder().AddTenantPolicies();

        services.AddAuditTrail();
        services.AddScoped<SignUpService>();
        services.AddScoped<MembersService>();
        services.AddScoped<StartPageService>();
        services.AddScoped<OrganisationSecurityService>();
        services.AddScoped<InvitationService>();
        services.AddScoped<AssetService>();
        services.AddScoped<DeviceService>();
        services.AddScoped<PlantDialogs>();
        services.AddScoped<IngestionHealthService>();
        services.AddScoped<FactoryCloud.Web.Features.Shell.HomeService>();
        services.AddKpiDashboards();
        services.AddAlerts();
        services.AddWebhooks();
        services.AddNotificationCentre();
        services.AddMaturity();
        services.AddValueInMoney();
        services.AddProgramView();
        services.AddBacklogs();
        services.Configure<MqttConnectionOptions>(builder.Configuration.GetSection(MqttConnectionOptions.Section));
        // With a queue between ingress and processor the web app consumes it too unless told not to
        // (Ingestion:RunProcessor=false where a processor of its own runs, as in Azure).
        services.AddTelemetryIngestion(builder.Configuration, runProcessor: builder.Configuration.GetValue("Ingestion:RunProcessor", true));
        services.AddDemo(builder.Configuration);
        FactoryCloud.Web.Features.Lifecycle.LifecycleSetup.AddDataLifecycle(services, builder.Configuration);
        FactoryCloud.Web.Features.Lifecycle.Export.TenantExportSetup.AddTenantExport(services, builder.Configuration);

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddErrorResponses();
        services.AddBrowserLocale();
        services.AddRateLimits(builder.Configuration);
        builder.LimitRequestBodies();
        services.AddOptions<ProxySettings>().Bind(builder.Configuration.GetSection(ProxySettings.Section)).ValidatedOnStart(o => o.Validate());
        services.AddOptions<PublicAddress>().Bind(builder.Configuration.GetSection(PublicAddress.Section)).ValidatedOnStart(o => o.Validate());
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>(tags: ["ready"]);
        // Last, so it replaces every TimeProvider registered above (development and tests only).
        DevelopmentClock.Apply(services, builder.Configuration, builder.Environment);
        return builder;
    }

    public static WebApplication UseFactoryCloudWeb(this WebApplication app)
    {
        app.UseProxyHeaders();
        app.UseSecurityHeaders();
        app.UseErrorResponses();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<ClientAddress>().Set(context.Connection.RemoteIpAddress);
            return next(context);
        });
        app.UseAuthentication();
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentTenant>().SetFrom(context.User);
            return next(context);
        });
        app.UseTwoFactorRequirement();
        app.UseTenantDeletionHold();
        app.UsePersonalAccessTokenScopes();
        app.UseCrossSiteRequestChecks();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRequestLocalization();
        app.MapStaticAssets();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        var api = app.MapGroup("/api/v1").RequireRateLimiting(RateLimits.Api);
        api.MapTenancyApi();
        api.MapTokenApi();
        api.MapAccountRecoveryApi();
        api.MapPlantsApi();
        api.MapIngestionApi();
        api.MapKpiDashboardsApi();
        api.MapAlertsApi();
        api.MapWebhooksApi();
        api.MapNotificationsApi();
        api.MapMaturityApi();
        api.MapValueApi();
        api.MapProgramApi();
        api.MapBacklogsApi();
        api.MapAuditApi();
        api.MapDemoApi();
        FactoryCloud.Web.Features.Lifecycle.LifecycleSetup.MapDataLifecycleApi(api);
        FactoryCloud.Web.Features.Lifecycle.Export.TenantExportSetup.MapTenantExportApi(api);
        app.MapAccountEndpoints();
        app.MapEntraEndpoints();
        return app;
    }

    /// <summary>
    /// Checks a bearer access token against the user's security stamp on every request, so a password change (or
    /// anything else that updates the stamp) ends it at once with 401 rather than when it expires.
    /// </summary>
    private static async Task RefuseStaleBearerToken(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return;
        var ticket = context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim());
        if (ticket?.Principal is not { } principal) return; // the handler refuses an unreadable token itself
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<AppUser>>();
        if (await signIn.ValidateSecurityStampAsync(principal) is null)
            context.Fail("The token was issued before the account's security stamp last changed.");
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
