using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FactoryCloud.IntegrationTests.Web.Account;

/// <summary>
/// Confirmation, password reset and "already registered" emails over real SMTP (MailKit to aiosmtpd on loopback),
/// followed as their recipient would: read the mail, open the link, submit the page, sign in.
/// </summary>
public sealed class AccountRecoveryTests(DatabaseServers servers) : IAsyncLifetime
{
    private const string PublicBaseUrl = "https://factorycloud.example";
    private readonly CapturedLogs _logs = new();
    private SmtpServer _smtp = default!;
    private TestDatabase? _database;
    private WebApplicationFactory<Program> _app = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync(Ct);
        _app = await StartAppAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task ANewOwnerConfirmsTheirAddressByEmailAndThenSignsIn()
    {
        var email = NewAddress();
        using var signUp = await _app.CreateClient().PostAsJsonAsync("/api/v1/signup", new { organization = "Confirm Works", email, password = ApiSession.DefaultPassword }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, signUp.StatusCode);
        using (var early = await LoginAsync(email, ApiSession.DefaultPassword)) Assert.Equal(HttpStatusCode.Unauthorized, early.StatusCode);

        var mail = await EmailedLinks.WaitForAsync(_smtp, email, "Confirm your email address");
        var link = EmailedLinks.LinkTo(mail, PublicBaseUrl, "/account/confirm-email");
        var browser = _app.CreateClient();
        var confirmed = await SubmitPageAsync(browser, link, "confirm-email");

        Assert.Contains("data-testid=\"confirm-done\"", confirmed, StringComparison.Ordinal);
        var session = await ApiSession.SignedInAsync(_app.CreateClient(), email, ApiSession.DefaultPassword);
        Assert.NotEqual(Guid.Empty, session.TenantId);
        // The link works once.
        Assert.Contains("data-testid=\"confirm-error\"", await SubmitPageAsync(_app.CreateClient(), link, "confirm-email"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningUpWithATakenAddressAnswersAsForANewOneAndEmailsTheOwner()
    {
        var owner = await ConfirmedOwnerAsync();
        var organization = "Second " + Guid.NewGuid().ToString("N")[..8];

        using var taken = await _app.CreateClient().PostAsJsonAsync("/api/v1/signup", new { organization, email = owner.Email, password = "Another-Long-Passphrase" }, Ct);
        using var fresh = await _app.CreateClient().PostAsJsonAsync("/api/v1/signup", new { organization = "Fresh Works", email = NewAddress(), password = "Another-Long-Passphrase" }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, taken.StatusCode);
        Assert.Equal(fresh.StatusCode, taken.StatusCode);
        Assert.Equal(await fresh.Content.ReadAsStringAsync(Ct), await taken.Content.ReadAsStringAsync(Ct));
        var notice = await EmailedLinks.WaitForAsync(_smtp, owner.Email, "You already have a FactoryCloud account");
        Assert.Contains(PublicBaseUrl + "/account/forgot-password", notice.Text, StringComparison.Ordinal);
        await using var db = _database!.Contexts.Create(DataScope.None);
        Assert.False(await db.Tenants.AnyAsync(t => t.Name == organization, Ct));
    }

    [Fact]
    public async Task AForgottenPasswordIsResetThroughTheEmailedLinkOnce()
    {
        var owner = await ConfirmedOwnerAsync();
        var browser = _app.CreateClient();
        var asked = await SubmitPageAsync(browser, "/account/forgot-password", "forgot-password", new() { ["Input.Email"] = owner.Email });
        Assert.Contains("data-testid=\"reset-sent\"", asked, StringComparison.Ordinal);

        var mail = await EmailedLinks.WaitForAsync(_smtp, owner.Email, "Reset your FactoryCloud password");
        var link = EmailedLinks.LinkTo(mail, PublicBaseUrl, "/account/reset-password");
        var reset = await SubmitPageAsync(browser, link, "reset-password", new() { ["Input.Password"] = "Silver lantern over the harbour" });

        Assert.Contains("data-testid=\"reset-done\"", reset, StringComparison.Ordinal);
        using (var old = await LoginAsync(owner.Email, owner.Password)) Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        using (var renewed = await LoginAsync(owner.Email, "Silver lantern over the harbour")) Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var again = await SubmitPageAsync(_app.CreateClient(), link, "reset-password", new() { ["Input.Password"] = "Another harbour lantern" });
        Assert.Contains("data-testid=\"reset-error\"", again, StringComparison.Ordinal);
        using (var notReset = await LoginAsync(owner.Email, "Another harbour lantern")) Assert.Equal(HttpStatusCode.Unauthorized, notReset.StatusCode);
    }

    [Fact]
    public async Task TheResetApiRefusesACommonPasswordAndKeepsTheLinkUsable()
    {
        var owner = await ConfirmedOwnerAsync();
        using (var asked = await _app.CreateClient().PostAsJsonAsync("/api/v1/account/forgot-password", new { email = owner.Email }, Ct))
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var link = EmailedLinks.LinkTo(await EmailedLinks.WaitForAsync(_smtp, owner.Email, "Reset your FactoryCloud password"), PublicBaseUrl, "/account/reset-password");
        var body = new { userId = EmailedLinks.Query(link, "user"), token = EmailedLinks.Query(link, "token"), password = "password1234" };

        using var common = await _app.CreateClient().PostAsJsonAsync("/api/v1/account/reset-password", body, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, common.StatusCode);
        var errors = (await common.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("most commonly used", errors.GetProperty("Password")[0].GetString(), StringComparison.Ordinal);

        using var good = await _app.CreateClient().PostAsJsonAsync("/api/v1/account/reset-password", body with { password = "Quiet copper meadow 7" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, good.StatusCode);
        using var signedIn = await LoginAsync(owner.Email, "Quiet copper meadow 7");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task AskingForAResetAnswersAlikeForAnUnknownAddressAndSendsItNothing()
    {
        var owner = await ConfirmedOwnerAsync();
        var nobody = NewAddress();

        using var unknown = await _app.CreateClient().PostAsJsonAsync("/api/v1/account/forgot-password", new { email = nobody }, Ct);
        using var known = await _app.CreateClient().PostAsJsonAsync("/api/v1/account/forgot-password", new { email = owner.Email }, Ct);

        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(Ct), await unknown.Content.ReadAsStringAsync(Ct));
        // Emails leave one at a time in order: once the later one has arrived, the earlier would have too.
        await EmailedLinks.WaitForAsync(_smtp, owner.Email, "Reset your FactoryCloud password");
        Assert.DoesNotContain(EmailedLinks.All(_smtp), m => m.To == nobody);
    }

    [Fact]
    public async Task AnExpiredResetLinkIsRefused()
    {
        await using var shortLived = await StartAppAsync(new() { ["Accounts:PasswordResetLifetime"] = "00:00:00.001" });
        var owner = await ConfirmedOwnerAsync();
        using (await shortLived.CreateClient().PostAsJsonAsync("/api/v1/account/forgot-password", new { email = owner.Email }, Ct)) { }
        var link = EmailedLinks.LinkTo(await EmailedLinks.WaitForAsync(_smtp, owner.Email, "Reset your FactoryCloud password"), PublicBaseUrl, "/account/reset-password");

        using var expired = await shortLived.CreateClient().PostAsJsonAsync("/api/v1/account/reset-password",
            new { userId = EmailedLinks.Query(link, "user"), token = EmailedLinks.Query(link, "token"), password = "Quiet copper meadow 7" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.True((await expired.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("Token", out _));
    }

    [Fact]
    public async Task NoTokenReachesTheLog()
    {
        var owner = await ConfirmedOwnerAsync();
        using (await _app.CreateClient().PostAsJsonAsync("/api/v1/account/forgot-password", new { email = owner.Email }, Ct)) { }
        var link = EmailedLinks.LinkTo(await EmailedLinks.WaitForAsync(_smtp, owner.Email, "Reset your FactoryCloud password"), PublicBaseUrl, "/account/reset-password");
        var token = EmailedLinks.Query(link, "token");

        Assert.Contains(_logs.Messages, m => m.Contains("Email sent to", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Messages, m => m.Contains(token, StringComparison.Ordinal) || m.Contains(token[..24], StringComparison.Ordinal));
    }

    /// <summary>An owner who signed up and confirmed through the emailed link (the API's way).</summary>
    private async Task<ApiSession> ConfirmedOwnerAsync()
    {
        var email = NewAddress();
        using (var signUp = await _app.CreateClient().PostAsJsonAsync("/api/v1/signup", new { organization = "Org " + Guid.NewGuid().ToString("N")[..8], email, password = ApiSession.DefaultPassword }, Ct))
            Assert.Equal(HttpStatusCode.Accepted, signUp.StatusCode);
        var link = EmailedLinks.LinkTo(await EmailedLinks.WaitForAsync(_smtp, email, "Confirm your email address"), PublicBaseUrl, "/account/confirm-email");
        using (var confirmed = await _app.CreateClient().PostAsJsonAsync("/api/v1/account/confirm-email",
                   new { userId = EmailedLinks.Query(link, "user"), token = EmailedLinks.Query(link, "token") }, Ct))
            Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        return await ApiSession.SignedInAsync(_app.CreateClient(), email, ApiSession.DefaultPassword);
    }

    private async Task<WebApplicationFactory<Program>> StartAppAsync(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["App:PublicBaseUrl"] = PublicBaseUrl,
            ["Email:Smtp:Host"] = _smtp.Host,
            ["Email:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:From"] = "FactoryCloud <no-reply@factorycloud.example>",
            ["Email:Smtp:UseTls"] = "false",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        var app = new FactoryCloudApp(await servers.SharedAsync(DatabaseProvider.Postgres), settings);
        _database ??= app.Database;
        return app.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(_logs)));
    }

    private Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        _app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password }, Ct);

    /// <summary>Opens <paramref name="path"/> and posts its form <paramref name="formName"/> with the page's hidden fields and <paramref name="fields"/>.</summary>
    private static async Task<string> SubmitPageAsync(HttpClient browser, string path, string formName, Dictionary<string, string>? fields = null)
    {
        var page = await browser.GetStringAsync(path, Ct);
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = BrowserSignIn.AntiforgeryToken(page), ["_handler"] = formName };
        foreach (System.Text.RegularExpressions.Match hidden in System.Text.RegularExpressions.Regex.Matches(page, "<input type=\"hidden\" name=\"(Input\\.[A-Za-z]+)\" value=\"([^\"]*)\""))
            form[hidden.Groups[1].Value] = WebUtility.HtmlDecode(hidden.Groups[2].Value);
        foreach (var (key, value) in fields ?? new Dictionary<string, string>()) form[key] = value;
        using var response = await browser.PostAsync(path, new FormUrlEncodedContent(form), Ct);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static string NewAddress() => $"person-{Guid.NewGuid():N}@example.test";
}
