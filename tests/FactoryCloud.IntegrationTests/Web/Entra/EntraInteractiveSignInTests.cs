using System.Net;
using System.Net.Http.Json;
using FactoryCloud.Domain.Audit;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.Web.Features.Tenancy;
using FactoryCloud.Web.Features.Entra;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace FactoryCloud.IntegrationTests.Web.Entra;

/// <summary>
/// The browser round trip without a browser: the app redirects to the authority, the test plays the authority and
/// posts an id_token (form_post) with the request's state and nonce to <c>/signin-oidc</c>, and the app ends in
/// its application cookie, the not-registered page, or (for an Owner) a new link.
/// </summary>
public sealed class EntraInteractiveSignInTests(DatabaseServers servers) : EntraTestContext(servers)
{
    [Fact]
    public async Task Invited_user_signs_in_with_an_id_token_and_lands_in_the_linked_organisation()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var user = EntraUser.Create(await LinkAsync(owner));
        await owner.InviteAsync(user.Email, "TeamMember");
        var browser = Browser();

        var landing = await SignInWithEntraAsync(browser, user, "/plants");

        Assert.Equal("/plants", landing);
        var me = await browser.GetFromJsonAsync<TenancyApi.MeResponse>("/api/v1/me", Json);
        Assert.Equal(owner.TenantId, me!.Active!.TenantId);
        Assert.Equal(TenantRole.TeamMember, me.Active.Role);
    }

    [Fact]
    public async Task User_of_an_unknown_entra_tenant_sees_the_not_registered_page()
    {
        var browser = Browser();

        var landing = await SignInWithEntraAsync(browser, EntraUser.Create(Guid.NewGuid()), "/");

        Assert.Equal("/account/entra/not-registered?reason=NotRegistered", landing);
        var page = await browser.GetStringAsync(landing);
        Assert.Contains("Your organisation is not registered", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Id_token_with_another_nonce_is_refused()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var user = EntraUser.Create(await LinkAsync(owner));
        await owner.InviteAsync(user.Email, "Viewer");
        var browser = Browser();
        var (state, _) = await ChallengeAsync(browser, "/");

        var callback = await PostIdTokenAsync(browser, Authority.IdToken(user, nonce: "not-the-requests-nonce"), state);

        Assert.Equal("/account/entra/not-registered?reason=Failed", callback.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Owner_links_the_organisation_after_signing_in_with_entra_once()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var entraOwner = EntraUser.Create(Guid.NewGuid());
        var browser = Browser();
        await SignInLocallyAsync(browser, owner);

        var settings = await browser.GetStringAsync("/settings/entra");
        var link = await browser.PostAsync("/account/entra/link", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = AntiforgeryToken(settings) }));
        var (state, nonce) = ReadChallenge(link);
        var callback = await PostIdTokenAsync(browser, Authority.IdToken(entraOwner, nonce), state);
        var done = await browser.GetAsync(callback.Headers.Location!.OriginalString);

        Assert.Equal("/settings/entra?linked=true", done.Headers.Location?.OriginalString);
        await using var db = App.Database.Contexts.Create(DataScope.None);
        var stored = await db.EntraTenantLinks.SingleAsync(l => l.TenantId == owner.TenantId);
        Assert.Equal(entraOwner.TenantId, stored.EntraTenantId);

        // The Owner's own Microsoft account now signs in to the same FactoryCloud account.
        var second = Browser();
        await SignInWithEntraAsync(second, entraOwner, "/");
        var me = await second.GetFromJsonAsync<TenancyApi.MeResponse>("/api/v1/me", Json);
        Assert.Equal(owner.UserId, me!.UserId);
        Assert.Equal(TenantRole.Owner, me.Active!.Role);

        var linked = Assert.Single(await AuditAsync(owner.TenantId, AuditAction.EntraLinkCreated));
        Assert.Equal((owner.UserId, owner.Email, $"Entra tenant {entraOwner.TenantId}", RemoteAddress.Address.ToString()),
            (linked.ActorUserId, linked.ActorName, linked.Details, linked.IpAddress));
    }

    [Fact]
    public async Task Sign_ins_with_entra_and_the_form_and_their_refusals_are_recorded_in_the_organisation()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var entraTenant = await LinkAsync(owner);
        var invited = EntraUser.Create(entraTenant);
        await owner.InviteAsync(invited.Email, "Viewer");
        var uninvited = EntraUser.Create(entraTenant);

        await SignInWithEntraAsync(Browser(), invited, "/");
        Assert.Equal("/account/entra/not-registered?reason=NotInvited", await SignInWithEntraAsync(Browser(), uninvited, "/"));
        await SignInLocallyAsync(Browser(), owner);
        var form = Browser();
        var page = await form.GetStringAsync("/account/login");
        await form.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page), ["_handler"] = "login", ["Input.Email"] = owner.Email, ["Input.Password"] = "Wrong-Password-1",
        }));

        var succeeded = await AuditAsync(owner.TenantId, AuditAction.SignInSucceeded);
        Assert.Contains(succeeded, e => e.ActorName == invited.Email && e.Details == "Signed in with Microsoft Entra ID");
        Assert.Contains(succeeded, e => e.ActorUserId == owner.UserId && e.Details == "Signed in with password");
        var failed = await AuditAsync(owner.TenantId, AuditAction.SignInFailed);
        Assert.Equal(2, failed.Count);
        Assert.Contains(failed, e => e.ActorName == uninvited.Email && e.Details == "Not invited and not in the organisation's Entra group (Microsoft Entra ID)");
        Assert.Contains(failed, e => e.ActorName == owner.Email && e.Details == "Wrong password (password)");
        Assert.All([.. succeeded, .. failed], e => Assert.Equal(RemoteAddress.Address.ToString(), e.IpAddress));
    }

    [Fact]
    public async Task Entra_session_ends_after_its_lifetime_and_a_user_out_of_the_group_cannot_sign_in_again()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var app = App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var owner = await ApiSession.SignUpAsync(App);
        var group = Guid.NewGuid();
        var user = EntraUser.Create(await LinkAsync(owner, group, TenantRole.TeamMember), group);
        var browser = Browser(app);
        Assert.Equal("/", await SignInWithEntraAsync(browser, user, "/"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);

        clock.Advance(new EntraOptions().SessionLifetime - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);

        // Signing in with Entra again re-reads the groups: out of the group, the way back is closed.
        var landing = await SignInWithEntraAsync(browser, user with { Groups = [] }, "/");
        Assert.Equal("/account/entra/not-registered?reason=LeftGroup", landing);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
    }

    private async Task<List<AuditEntry>> AuditAsync(Guid tenantId, AuditAction action)
    {
        await using var db = App.Database.Contexts.Create(DataScope.ForTenant(tenantId));
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == action).ToListAsync();
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    // https: the correlation and nonce cookies are Secure (SameSite=None), and the cookie container keeps them from http.
    private HttpClient Browser(WebApplicationFactory<Program>? app = null) =>
        (app ?? App).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    /// <summary>Runs the whole round trip and returns where the app finally sends the browser.</summary>
    private async Task<string?> SignInWithEntraAsync(HttpClient browser, EntraUser user, string returnUrl)
    {
        var (state, nonce) = await ChallengeAsync(browser, returnUrl);
        var callback = await PostIdTokenAsync(browser, Authority.IdToken(user, nonce), state);
        Assert.StartsWith("/account/entra/complete", callback.Headers.Location?.OriginalString, StringComparison.Ordinal);
        var complete = await browser.GetAsync(callback.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, complete.StatusCode);
        return complete.Headers.Location?.OriginalString;
    }

    private async Task<(string State, string Nonce)> ChallengeAsync(HttpClient browser, string returnUrl) =>
        ReadChallenge(await browser.GetAsync("/account/entra/signin?returnUrl=" + Uri.EscapeDataString(returnUrl)));

    private (string State, string Nonce) ReadChallenge(HttpResponseMessage challenge)
    {
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!;
        Assert.StartsWith(Authority.AuthorizeEndpoint, location.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(TestEntraAuthority.ClientId, query["client_id"].ToString());
        Assert.Equal("id_token", query["response_type"].ToString());
        Assert.Equal("form_post", query["response_mode"].ToString());
        return (query["state"].ToString(), query["nonce"].ToString());
    }

    private static async Task<HttpResponseMessage> PostIdTokenAsync(HttpClient browser, string idToken, string state) =>
        await browser.PostAsync("/signin-oidc", new FormUrlEncodedContent(new Dictionary<string, string> { ["id_token"] = idToken, ["state"] = state }));

    private static async Task SignInLocallyAsync(HttpClient browser, ApiSession owner)
    {
        var response = await BrowserSignIn.PostAsync(browser, owner.Email, owner.Password);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"Local sign-in answered {response.StatusCode}.");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);
    }

    private static string AntiforgeryToken(string html) => BrowserSignIn.AntiforgeryToken(html);
}
