using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using FactoryCloud.IntegrationTests.Web.Maturity;

namespace FactoryCloud.IntegrationTests.Web.Audit;

/// <summary>
/// Each security-relevant action, done over the API, leaves one entry in its tenant's audit trail naming who did it,
/// from which address, and what. PostgreSQL with row-level security, the app as a non-owner role whose grants make the
/// audit table append-only; requests arrive from <see cref="RemoteAddress.Address"/>.
/// </summary>
public sealed class AuditedActionsTests(DatabaseServers servers) : IAsyncLifetime
{
    private static readonly string Ip = RemoteAddress.Address.ToString();
    private FactoryCloudApp _app = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _app = new FactoryCloudApp(await servers.SharedAsync(DatabaseProvider.Postgres), configure: RemoteAddress.Simulate);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ASignInAndAFailedOneAreRecordedWithTheAccountAndAddress()
    {
        var owner = await ApiSession.SignUpAsync(_app);

        var wrong = await _app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = owner.Email, password = "Wrong-Password-1" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        var succeeded = Assert.Single(await EntriesAsync(owner, "SignInSucceeded"));
        Assert.Equal(owner.Email, succeeded.GetProperty("actor").GetString());
        Assert.Equal(owner.UserId, succeeded.GetProperty("actorUserId").GetGuid());
        Assert.Equal(Ip, succeeded.GetProperty("ipAddress").GetString());
        var failed = Assert.Single(await EntriesAsync(owner, "SignInFailed"));
        Assert.Equal(owner.Email, failed.GetProperty("actor").GetString());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("actorUserId").ValueKind);
        Assert.Equal("Wrong password (password, API token)", failed.GetProperty("details").GetString());
        Assert.Equal(Ip, failed.GetProperty("ipAddress").GetString());
    }

    [Fact]
    public async Task AFailedSignInIsRecordedInEveryOrganisationOfTheAccountAndAnUnknownAddressNowhere()
    {
        var first = await ApiSession.SignUpAsync(_app);
        var second = await ApiSession.SignUpAsync(_app);
        var member = await first.AddMemberAsync(_app, "Viewer");
        (await member.Client.PostAsJsonAsync("/api/v1/invitations/accept", new { token = await second.InviteAsync(member.Email, "Viewer") }, Ct)).EnsureSuccessStatusCode();
        var stranger = $"nobody-{Guid.NewGuid():N}@example.test";

        var anonymous = _app.CreateClient();
        await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = member.Email, password = "Wrong-Password-1" }, Ct);
        await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = stranger, password = "Wrong-Password-1" }, Ct);

        foreach (var owner in new[] { first, second })
        {
            var failed = Assert.Single(await EntriesAsync(owner, "SignInFailed"));
            Assert.Equal(member.Email, failed.GetProperty("actor").GetString());
        }
        Assert.Empty(await EntriesAsync(first, "SignInFailed", $"&actor={stranger}"));
    }

    [Fact]
    public async Task InvitingRevokingChangingARoleAndRemovingAMemberAreRecorded()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        await owner.InviteAsync("later@example.test", "Viewer");
        var invitation = (await owner.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/invitations", Ct))![0].GetProperty("id").GetGuid();
        (await owner.Client.DeleteAsync($"/api/v1/invitations/{invitation}", Ct)).EnsureSuccessStatusCode();
        var member = await owner.AddMemberAsync(_app, "TeamMember");
        var membership = (await owner.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/members", Ct))!
            .Single(m => m.GetProperty("email").GetString() == member.Email).GetProperty("membershipId").GetGuid();
        (await owner.Client.PutAsJsonAsync($"/api/v1/members/{membership}/role", new { role = "PlantManager" }, Ct)).EnsureSuccessStatusCode();
        (await owner.Client.DeleteAsync($"/api/v1/members/{membership}", Ct)).EnsureSuccessStatusCode();

        var invited = await EntriesAsync(owner, "MemberInvited");
        Assert.Equal(["Invitation for " + member.Email, "Invitation for later@example.test"], invited.Select(e => e.GetProperty("target").GetString()));
        AssertBy(owner, Assert.Single(await EntriesAsync(owner, "InvitationRevoked")), "Invitation for later@example.test", "As Viewer");
        AssertBy(owner, Assert.Single(await EntriesAsync(owner, "MemberRoleChanged")), "Member " + member.Email, "TeamMember → PlantManager");
        AssertBy(owner, Assert.Single(await EntriesAsync(owner, "MemberRemoved")), "Member " + member.Email, "Was PlantManager");
    }

    [Fact]
    public async Task IssuingRotatingAndRevokingDeviceCredentialsAreRecorded()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var plant = await TestPlant.CreateAsync(owner);
        var device = await plant.IssueCredentialsAsync(owner);
        var id = device.GetProperty("deviceId").GetGuid();
        var username = device.GetProperty("username").GetString()!;
        (await owner.Client.PostAsync($"/api/v1/devices/{id}/rotate", null, Ct)).EnsureSuccessStatusCode();
        (await owner.Client.DeleteAsync($"/api/v1/devices/{id}", Ct)).EnsureSuccessStatusCode();
        (await owner.Client.DeleteAsync($"/api/v1/devices/{id}", Ct)).EnsureSuccessStatusCode();

        foreach (var action in new[] { "DeviceCredentialsIssued", "DeviceCredentialsRotated", "DeviceCredentialsRevoked" })
        {
            var entry = Assert.Single(await EntriesAsync(owner, action)); // revoking twice changes nothing the second time
            AssertBy(owner, entry, null, null);
            Assert.StartsWith($"Device {username} (machine", entry.GetProperty("target").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AlertRuleChangesAndKpiLossSettingsAreRecorded()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var plant = await TestPlant.CreateAsync(owner);
        var created = await owner.Client.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Low OEE", kind = "OeeBelow", scopeKind = "Line", scopeId = plant.Line, durationMinutes = 60, threshold = 65,
        }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        (await owner.Client.PutAsJsonAsync($"/api/v1/alert-rules/{id}", new
        {
            name = "Very low OEE", kind = "OeeBelow", scopeKind = "Line", scopeId = plant.Line, durationMinutes = 60, threshold = 40, enabled = false,
        }, Ct)).EnsureSuccessStatusCode();
        (await owner.Client.DeleteAsync($"/api/v1/alert-rules/{id}", Ct)).EnsureSuccessStatusCode();
        (await owner.Client.PutAsJsonAsync("/api/v1/kpi-settings", new
        {
            smallStopThresholdSeconds = 90, startupPeriodSeconds = 300,
            rules = new[] { new { state = "Idle", reason = "no-operator", category = "Breakdown" } },
        }, Ct)).EnsureSuccessStatusCode();

        AssertBy(owner, Assert.Single(await EntriesAsync(owner, "AlertRuleCreated")), "Alert rule Low OEE", "Major: OEE below 65 % over 60 min on line Line 1; In-app only (the bell)");
        AssertBy(owner, Assert.Single(await EntriesAsync(owner, "AlertRuleChanged")), "Alert rule Very low OEE", "Major: OEE below 40 % over 60 min on line Line 1 (disabled); In-app only (the bell)");
        AssertBy(owner, Assert.Single(await EntriesAsync(owner, "AlertRuleDeleted")), "Alert rule Very low OEE", null);
        AssertBy(owner, Assert.Single(await EntriesAsync(owner, "KpiSettingsChanged")), "KPI loss settings", "Small stops under 90 s, start-up 300 s, 1 state rule(s), time before first data not planned");
    }

    [Fact]
    public async Task ARefusedChangeLeavesNoEntry()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var viewer = await owner.AddMemberAsync(_app, "Viewer");
        var plant = await TestPlant.CreateAsync(owner);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsync($"/api/v1/machines/{plant.Machine}/devices", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Nowhere", kind = "MachineDown", scopeKind = "Machine", scopeId = Guid.NewGuid(), durationMinutes = 10,
        }, Ct)).StatusCode);

        Assert.Empty(await EntriesAsync(owner, "DeviceCredentialsIssued"));
        Assert.Empty(await EntriesAsync(owner, "AlertRuleCreated"));
    }

    [Fact]
    public async Task DownloadingAnExportIsRecordedAndAFailedOneIsNot()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var plant = await TestPlant.CreateAsync(owner);

        (await owner.Client.GetAsync($"/api/v1/machines/{plant.Machine}/dashboard.csv?range=Today", Ct)).EnsureSuccessStatusCode();
        (await owner.Client.GetAsync($"/api/v1/sites/{plant.Site}/dashboard.xlsx?range=Last7Days", Ct)).EnsureSuccessStatusCode();
        (await owner.Client.GetAsync("/api/v1/devices/mosquitto/passwd", Ct)).EnsureSuccessStatusCode();
        var product = await TestProduct.CreateAsync(owner);
        (await owner.Client.GetAsync($"/api/v1/products/{product.Id}/export.csv", Ct)).EnsureSuccessStatusCode();
        var assessment = await owner.CreateAssessmentAsync("Plant 1", plant.Site);
        (await owner.Client.GetAsync($"/api/v1/maturity/assessments/{assessment}/results.csv", Ct)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/machines/{Guid.NewGuid()}/dashboard.csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.GetAsync($"/api/v1/maturity/assessments/{Guid.NewGuid()}/results.csv", Ct)).StatusCode);
        (await owner.Client.GetAsync("/api/v1/audit.csv", Ct)).EnsureSuccessStatusCode();

        var exports = await EntriesAsync(owner, "ExportDownloaded");
        Assert.Equal(["Audit trail CSV", "Maturity results CSV", "Backlog CSV", "Device mosquitto password file", "Site dashboard Excel", "Machine dashboard CSV"],
            exports.Select(e => e.GetProperty("target").GetString()));
        Assert.All(exports, e => AssertBy(owner, e, null, null));
        Assert.StartsWith($"/api/v1/machines/{plant.Machine}/dashboard.csv?range=Today (machine-press-1-", exports[5].GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal($"/api/v1/products/{product.Id}/export.csv (backlog.csv)", exports[2].GetProperty("details").GetString());
    }

    [Fact]
    public async Task SwitchingTwoFactorOnAndOffAndRenewingRecoveryCodesAreRecordedInTheAccountsOrganisations()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var other = await ApiSession.SignUpAsync(_app);
        var enabled = await Account.TwoFactorCalls.EnableAsync(_app, owner);
        var page = await enabled.Browser.GetStringAsync("/account/two-factor", Ct);
        using var renewed = await Account.TwoFactorCalls.PostFormAsync(enabled.Browser, "/account/two-factor", page, "new-recovery-codes", []);
        var fresh = Account.TwoFactorCalls.RecoveryCodesIn(await renewed.Content.ReadAsStringAsync(Ct));
        (await Account.TwoFactorCalls.PostFormAsync(enabled.Browser, "/account/two-factor", page, "disable-two-factor",
            new() { ["Disable.Code"] = fresh[0] })).EnsureSuccessStatusCode();

        var signedIn = await owner.LoginAsync(); // switching two-factor renews the security stamp, which ended the old token
        AssertAccount(owner, Assert.Single(await EntriesAsync(signedIn, "TwoFactorEnabled")), "Two-factor sign-in switched on with an authenticator app");
        AssertAccount(owner, Assert.Single(await EntriesAsync(signedIn, "RecoveryCodesRenewed")), "New recovery codes made; the old ones no longer work");
        AssertAccount(owner, Assert.Single(await EntriesAsync(signedIn, "TwoFactorDisabled")), "Two-factor sign-in switched off with a recovery code");
        foreach (var action in new[] { "TwoFactorEnabled", "RecoveryCodesRenewed", "TwoFactorDisabled" })
            Assert.Empty(await EntriesAsync(other, action));
    }

    [Fact]
    public async Task APasswordChangeAndAnAccessTokenMadeAndRevokedAreRecorded()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var other = await ApiSession.SignUpAsync(_app);
        var created = await owner.Client.PostAsJsonAsync("/api/v1/tokens",
            new { name = "line-export", plants = "Read", backlogs = "None", maturity = "None", expiresAt = DateTimeOffset.UtcNow.AddDays(30) }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tokenId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/tokens/{tokenId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Client.DeleteAsync($"/api/v1/tokens/{tokenId}", Ct)).StatusCode);
        var newPassword = "a fresh passphrase " + Guid.NewGuid().ToString("N")[..8];
        var changed = await owner.Client.PostAsJsonAsync("/api/v1/account/password", new { currentPassword = owner.Password, newPassword }, Ct);
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync(Ct));

        var signedIn = await ApiSession.SignedInAsync(_app.CreateClient(), owner.Email, newPassword);
        AssertBy(owner, Assert.Single(await EntriesAsync(signedIn, "AccessTokenCreated")), "Access token line-export", null);
        AssertBy(owner, Assert.Single(await EntriesAsync(signedIn, "AccessTokenRevoked")), "Access token line-export", null); // once, though revoked twice
        AssertAccount(owner, Assert.Single(await EntriesAsync(signedIn, "PasswordChanged")), "Password changed");
        foreach (var action in new[] { "AccessTokenCreated", "AccessTokenRevoked", "PasswordChanged" })
            Assert.Empty(await EntriesAsync(other, action));
    }

    private static void AssertAccount(ApiSession owner, JsonElement entry, string details)
    {
        Assert.Equal(owner.Email, entry.GetProperty("actor").GetString());
        Assert.Equal(owner.UserId, entry.GetProperty("actorUserId").GetGuid());
        Assert.Equal("Account " + owner.Email, entry.GetProperty("target").GetString());
        Assert.Equal(details, entry.GetProperty("details").GetString());
    }

    private static void AssertBy(ApiSession owner, JsonElement entry, string? target, string? details)
    {
        Assert.Equal(owner.Email, entry.GetProperty("actor").GetString());
        Assert.Equal(owner.UserId, entry.GetProperty("actorUserId").GetGuid());
        Assert.Equal(Ip, entry.GetProperty("ipAddress").GetString());
        if (target is not null) Assert.Equal(target, entry.GetProperty("target").GetString());
        if (details is not null) Assert.Equal(details, entry.GetProperty("details").GetString());
    }

    private static async Task<JsonElement[]> EntriesAsync(ApiSession owner, string action, string more = "")
    {
        var page = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?pageSize=200&action={action}{more}", Ct);
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}
