using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using Microsoft.EntityFrameworkCore;
using static FactoryCloud.IntegrationTests.Web.Account.TwoFactorCalls;

namespace FactoryCloud.IntegrationTests.Web.Account;

/// <summary>
/// Optional TOTP two-factor sign-in with recovery codes, on the real app: switched on at /account/two-factor with a
/// code computed here from the page's key (RFC 6238), asked for after the password by the form and by the token API.
/// </summary>
public sealed class TwoFactorTests(DatabaseServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheTokenApiAsksForTheCodeAfterTheRightPasswordAndTakesAnAuthenticatorOrRecoveryCode(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var enabled = await EnableAsync(app, owner);
        Assert.Equal(10, enabled.RecoveryCodes.Count);
        await using (var db = app.Database.Contexts.Create(DataScope.None))
        {
            // Recovery codes are kept only as hashes: the database alone does not get past two-factor.
            var stored = string.Concat(await db.UserTokens.AsNoTracking().Where(t => t.UserId == owner.UserId && t.Name == "RecoveryCodes").Select(t => t.Value).ToListAsync(Ct));
            Assert.Equal(10, stored.Split(';').Length);
            Assert.All(enabled.RecoveryCodes, code =>
            {
                Assert.DoesNotContain(code, stored, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), stored, StringComparison.OrdinalIgnoreCase);
            });
        }

        using var noCode = await ApiLoginAsync(app, owner, null);
        Assert.Equal(HttpStatusCode.Unauthorized, noCode.StatusCode);
        Assert.Equal("two-factor-code-required", (await noCode.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
        using var wrong = await ApiLoginAsync(app, owner, Totp.WrongCode(enabled.Key));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain("accessToken", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var code = Totp.Code(enabled.Key);
        using var right = await ApiLoginAsync(app, owner, code);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        using var replayed = await ApiLoginAsync(app, owner, code);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode); // an authenticator code works once (ASVS 2.8.4)
        var token = (await right.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me", Ct)).StatusCode);

        var recovery = enabled.RecoveryCodes[0];
        using var withRecovery = await ApiLoginAsync(app, owner, recovery.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, withRecovery.StatusCode);
        using var again = await ApiLoginAsync(app, owner, recovery);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode); // a recovery code works once
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheSignInFormAsksForTheCodeAndSignsInOnlyWithTheRightOne(DatabaseProvider provider)
    {
        var app = await servers.AppAsync(provider);
        var owner = await ApiSession.SignUpAsync(app);
        var enabled = await EnableAsync(app, owner);

        var browser = Browser(app);
        using var afterPassword = await BrowserSignIn.PostAsync(browser, owner.Email, owner.Password);
        Assert.Equal("/account/login/code", afterPassword.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode); // not signed in yet
        var page = await afterPassword.Content.ReadAsStringAsync(Ct);

        using var wrong = await PostFormAsync(browser, "/account/login/code", page, "login-code", new() { ["Input.Code"] = Totp.WrongCode(enabled.Key) });
        Assert.Contains("data-testid=\"code-error\"", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);

        using var right = await PostFormAsync(browser, "/account/login/code", page, "login-code", new() { ["Input.Code"] = Totp.Code(enabled.Key) });
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task SwitchingOffNeedsACodeAndThenThePasswordAloneSignsIn()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        var owner = await ApiSession.SignUpAsync(app);
        var enabled = await EnableAsync(app, owner);
        var page = await enabled.Browser.GetStringAsync("/account/two-factor", Ct);

        using var refused = await PostFormAsync(enabled.Browser, "/account/two-factor", page, "disable-two-factor", new() { ["Disable.Code"] = "000000x" });
        Assert.Contains("data-testid=\"two-factor-on\"", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var codes = await PostFormAsync(enabled.Browser, "/account/two-factor", page, "new-recovery-codes", []);
        var fresh = RecoveryCodesIn(await codes.Content.ReadAsStringAsync(Ct));
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(enabled.RecoveryCodes));
        using var oldCode = await ApiLoginAsync(app, owner, enabled.RecoveryCodes[1]);
        Assert.Equal(HttpStatusCode.Unauthorized, oldCode.StatusCode); // regenerating ends the old codes

        using var off = await PostFormAsync(enabled.Browser, "/account/two-factor", page, "disable-two-factor", new() { ["Disable.Code"] = Totp.Code(enabled.Key) });
        Assert.Contains("data-testid=\"authenticator-key\"", await off.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var passwordOnly = await ApiLoginAsync(app, owner, null);
        Assert.Equal(HttpStatusCode.OK, passwordOnly.StatusCode);
    }

    [Fact]
    public async Task AWrongCodeWhileSettingUpSwitchesNothingOn()
    {
        var app = await servers.AppAsync(DatabaseProvider.Sqlite);
        var owner = await ApiSession.SignUpAsync(app);
        var browser = Browser(app);
        await BrowserSignIn.PostAsync(browser, owner.Email, owner.Password);
        var page = await browser.GetStringAsync("/account/two-factor", Ct);

        using var wrong = await PostFormAsync(browser, "/account/two-factor", page, "enable-two-factor", new() { ["Enable.Code"] = Totp.WrongCode(KeyIn(page)) });

        Assert.Contains("data-testid=\"two-factor-error\"", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var passwordOnly = await ApiLoginAsync(app, owner, null);
        Assert.Equal(HttpStatusCode.OK, passwordOnly.StatusCode);
    }

    [Fact]
    public async Task TheTwoFactorPageNeedsASignedInUser()
    {
        var app = await servers.AppAsync(DatabaseProvider.Postgres);
        using var anonymous = await app.CreateClient().GetAsync("/account/two-factor", Ct);
        Assert.Equal("/account/login", anonymous.RequestMessage!.RequestUri!.AbsolutePath);
    }
}
