using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Notifications;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Notifications;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using FactoryCloud.IntegrationTests.Web.Account;
using FactoryCloud.IntegrationTests.Web.Alerts;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Notifications;

/// <summary>
/// People told about their work, end to end on PostgreSQL (row-level security on) with a real SMTP server (aiosmtpd):
/// assignment, mention, watched status change and sprint notices, preferences, the centre's read state, the daily
/// digest, never the actor, never across organisations.
/// </summary>
public sealed class PersonalNotificationTests(NotificationApp fixture) : IClassFixture<NotificationApp>
{
    private static readonly string[] InAppAndEmail = ["InApp", "Email"];
    private readonly FactoryCloudApp _app = fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement[]> NoticesAsync(ApiSession session, string query = "")
    {
        var list = await session.Client.GetFromJsonAsync<JsonElement>($"/api/v1/notifications{query}", Ct);
        return list.GetProperty("items").EnumerateArray().ToArray();
    }

    private static string Title(JsonElement notice) => notice.GetProperty("title").GetString()!;

    private static async Task<Guid> AssignAsync(ApiSession by, Guid item, string title, Guid? assignee)
    {
        var response = await by.Client.PutAsJsonAsync($"/api/v1/items/{item}", new { title, type = "Story", assigneeId = assignee }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return item;
    }

    [Fact]
    public async Task AnAssignmentTellsTheAssigneeInTheCentreAndByEmailWithALinkButNeverTheActor()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var member = await owner.AddMemberAsync(_app, "TeamMember");
        var product = await TestProduct.CreateAsync(owner);
        var item = await product.AddAsync("Fix the feeder");

        await AssignAsync(owner, item, "Fix the feeder", member.UserId);
        await AssignAsync(owner, await product.AddAsync("Own task"), "Own task", owner.UserId);

        var notice = Assert.Single(await NoticesAsync(member));
        Assert.Equal("Assigned", notice.GetProperty("kind").GetString());
        Assert.Equal($"/backlogs/items/{item}", notice.GetProperty("link").GetString());
        Assert.Contains("assigned you \"Fix the feeder\"", Title(notice), StringComparison.Ordinal);
        Assert.False(notice.GetProperty("read").GetBoolean());
        var mail = await EmailedLinks.WaitForAsync(fixture.Smtp, member.Email, "assigned you \"Fix the feeder\"");
        Assert.Contains($"{NotificationApp.PublicBaseUrl}/backlogs/items/{item}", mail.Text, StringComparison.Ordinal);

        // The owner assigned themselves and assigned the member: told of neither.
        Assert.Empty(await NoticesAsync(owner));
    }

    [Fact]
    public async Task AMentionByMemberIdTellsThatMemberAndAMentionOfSomeoneFromAnotherOrganisationDoesNothing()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var member = await owner.AddMemberAsync(_app, "TeamMember");
        var stranger = await ApiSession.SignUpAsync(_app);
        var product = await TestProduct.CreateAsync(owner);
        var item = await product.AddAsync("Vibration on press 2");

        var body = $"<@{member.UserId}> can you look? Also <@{stranger.UserId}> and @{stranger.Email} and <@{owner.UserId}>";
        var comment = await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync($"/api/v1/items/{item}/comments", new { body }, Ct));

        // Stored by id; shown with the member's name, the stranger as nobody known here.
        Assert.Equal(body, comment.GetProperty("body").GetString());
        var html = comment.GetProperty("bodyHtml").GetString()!;
        Assert.Contains($"@{member.Email}", html, StringComparison.Ordinal);
        Assert.Contains("@unknown member", html, StringComparison.Ordinal);
        Assert.DoesNotContain(stranger.UserId.ToString(), html, StringComparison.Ordinal);

        var notice = Assert.Single(await NoticesAsync(member));
        Assert.Equal("Mentioned", notice.GetProperty("kind").GetString());
        Assert.Contains("can you look?", notice.GetProperty("text").GetString(), StringComparison.Ordinal);
        await EmailedLinks.WaitForAsync(fixture.Smtp, member.Email, "mentioned you on \"Vibration on press 2\"");
        Assert.Empty(await NoticesAsync(stranger));
        Assert.Empty(await NoticesAsync(owner));
        await using var db = _app.Services.GetRequiredService<AppDbContextFactory>().Create(DataScope.ForTenant(stranger.TenantId));
        Assert.False(await db.PersonalNotifications.AnyAsync(Ct));
    }

    [Fact]
    public async Task AStatusChangeTellsWatchersCreatorAndAssigneeByDefaultUntilTheyUnwatchButNotTheMover()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var creator = await owner.AddMemberAsync(_app, "TeamMember");
        var watcher = await owner.AddMemberAsync(_app, "Viewer");
        var product = await TestProduct.CreateAsync(owner);
        var item = (await TestProduct.CreatedAsync(creator.Client.PostAsJsonAsync($"/api/v1/products/{product.Id}/items", new { title = "Guard rail", type = "Bug" }, Ct))).GetProperty("id").GetGuid();

        var watch = await watcher.Client.PutAsync($"/api/v1/items/{item}/watch", null, Ct);
        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
        Assert.True((await watch.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("watching").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await product.MoveAsync(item, "In development")).StatusCode);

        Assert.Contains("moved to In development", Title(Assert.Single(await NoticesAsync(creator))), StringComparison.Ordinal);
        Assert.Equal("WatchedStatus", Assert.Single(await NoticesAsync(watcher)).GetProperty("kind").GetString());
        Assert.Empty(await NoticesAsync(owner));

        var unwatch = await creator.Client.DeleteAsync($"/api/v1/items/{item}/watch", Ct);
        Assert.False((await unwatch.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("watching").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await product.MoveAsync(item, "In test")).StatusCode);
        Assert.Single(await NoticesAsync(creator));
        Assert.Equal(2, (await NoticesAsync(watcher)).Length);
    }

    [Fact]
    public async Task StartingAndClosingASprintTellsTheTeamAndTheAssigneesButNotWhoDidIt()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var member = await owner.AddMemberAsync(_app, "TeamMember");
        var team = (await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync("/api/v1/teams", new
        {
            name = "Press team", members = new[] { new { userId = member.UserId, name = "Mia", discipline = "OtAutomation" }, new { userId = owner.UserId, name = "Olle", discipline = "OtAutomation" } },
        }, Ct))).GetProperty("id").GetGuid();
        var product = (await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync("/api/v1/products", new { name = "Presses", teamId = team }, Ct))).GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var sprint = (await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync($"/api/v1/products/{product}/sprints",
            new { name = "Sprint 7", startDate = today, endDate = today.AddDays(9) }, Ct))).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsync($"/api/v1/sprints/{sprint}/start", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsJsonAsync($"/api/v1/sprints/{sprint}/close", new { }, Ct)).StatusCode);

        var titles = (await NoticesAsync(member, "?kind=Sprint")).Select(Title).ToList();
        Assert.Equal(["Sprint \"Sprint 7\" of Presses closed", "Sprint \"Sprint 7\" of Presses started"], titles);
        Assert.Empty(await NoticesAsync(owner));
    }

    [Fact]
    public async Task PreferencesChooseTheChannelPerKindAndNoneTellsNothing()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var member = await owner.AddMemberAsync(_app, "TeamMember");
        var defaults = await member.Client.GetFromJsonAsync<JsonElement>("/api/v1/account/notification-preferences", Ct);
        Assert.Equal("Email", defaults.GetProperty("assigned").GetString());
        Assert.False(defaults.GetProperty("dailyDigest").GetBoolean());

        var put = await member.Client.PutAsJsonAsync("/api/v1/account/notification-preferences", new
        {
            assigned = "None", mentioned = "InApp", watchedStatus = "None", sprint = "InApp", alert = "Email", dailyDigest = false,
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("None", (await member.Client.GetFromJsonAsync<JsonElement>("/api/v1/account/notification-preferences", Ct)).GetProperty("assigned").GetString());

        var product = await TestProduct.CreateAsync(owner);
        var item = await AssignAsync(owner, await product.AddAsync("Quiet one"), "Quiet one", member.UserId);
        await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync($"/api/v1/items/{item}/comments", new { body = $"<@{member.UserId}> fyi" }, Ct));

        // Assigned: none; mentioned: in the centre only, no email.
        var notice = Assert.Single(await NoticesAsync(member));
        Assert.Equal("Mentioned", notice.GetProperty("kind").GetString());
        await using var db = _app.Services.GetRequiredService<AppDbContextFactory>().Create(DataScope.ForTenant(owner.TenantId));
        Assert.False(await db.NotificationOutbox.AnyAsync(e => e.Kind == OutboxKind.PersonalEmail && e.Target == member.Email, Ct));
    }

    [Fact]
    public async Task TheCentreMarksOneAndAllReadAndFiltersUnread()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var member = await owner.AddMemberAsync(_app, "TeamMember");
        var product = await TestProduct.CreateAsync(owner);
        foreach (var title in new[] { "One", "Two", "Three" })
            await AssignAsync(owner, await product.AddAsync(title), title, member.UserId);

        var all = await NoticesAsync(member);
        Assert.Equal(["Three", "Two", "One"], all.Select(n => Title(n).Split('"')[1]));
        var read = await member.Client.PostAsync($"/api/v1/notifications/{all[0].GetProperty("id").GetGuid()}/read", null, Ct);
        Assert.True((await read.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("read").GetBoolean());
        var list = await member.Client.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true", Ct);
        Assert.Equal(2, list.GetProperty("unread").GetInt32());
        Assert.Equal(2, list.GetProperty("items").GetArrayLength());

        var marked = await (await member.Client.PostAsync("/api/v1/notifications/read-all", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, marked.GetProperty("marked").GetInt32());
        Assert.Empty(await NoticesAsync(member, "?unread=true"));
        Assert.Equal(3, (await NoticesAsync(member)).Length);
    }

    [Fact]
    public async Task AnotherMemberOrOrganisationGets404AndNoTokenGets401AndHostilePayloadsGet400()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var member = await owner.AddMemberAsync(_app, "TeamMember");
        var other = await ApiSession.SignUpAsync(_app);
        var product = await TestProduct.CreateAsync(owner);
        var item = await AssignAsync(owner, await product.AddAsync("Mine"), "Mine", member.UserId);
        var id = Assert.Single(await NoticesAsync(member)).GetProperty("id").GetGuid();

        // Another organisation: nothing seen, nothing touched.
        Assert.Empty(await NoticesAsync(other));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PostAsync($"/api/v1/notifications/{id}/read", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/items/{item}/watch", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PutAsync($"/api/v1/items/{item}/watch", null, Ct)).StatusCode);
        // Another member of the same organisation: not theirs.
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Client.PostAsync($"/api/v1/notifications/{id}/read", null, Ct)).StatusCode);
        Assert.Equal(0, (await (await other.Client.PostAsync("/api/v1/notifications/read-all", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("marked").GetInt32());
        Assert.False((await NoticesAsync(member)).Single().GetProperty("read").GetBoolean());

        using var anonymous = _app.CreateClient();
        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Get, "/api/v1/notifications"), (HttpMethod.Post, $"/api/v1/notifications/{id}/read"), (HttpMethod.Post, "/api/v1/notifications/read-all"),
                     (HttpMethod.Get, "/api/v1/account/notification-preferences"), (HttpMethod.Put, "/api/v1/account/notification-preferences"),
                     (HttpMethod.Get, $"/api/v1/items/{item}/watch"), (HttpMethod.Put, $"/api/v1/items/{item}/watch"), (HttpMethod.Delete, $"/api/v1/items/{item}/watch"),
                 })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(new HttpRequestMessage(method, path), Ct)).StatusCode);

        foreach (var hostile in new[] { """{"assigned":"Loud"}""", """{"assigned":99}""", """{"assigned":["Email"]}""", "not json" })
        {
            var response = await member.Client.PutAsync("/api/v1/account/notification-preferences", new StringContent(hostile, System.Text.Encoding.UTF8, "application/json"), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{hostile}: {response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await member.Client.GetAsync("/api/v1/notifications?take=100000", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.Client.GetAsync("/api/v1/notifications?kind=Everything", Ct)).StatusCode);
        Assert.Equal("Email", (await member.Client.GetFromJsonAsync<JsonElement>("/api/v1/account/notification-preferences", Ct)).GetProperty("assigned").GetString());
    }

    [Fact]
    public async Task TheDailyDigestSendsOneEmailWithTheUnreadOfTheLastDayAndNotAgainAfterARestart()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var member = await owner.AddMemberAsync(_app, "TeamMember");
        var put = await member.Client.PutAsJsonAsync("/api/v1/account/notification-preferences", new
        {
            assigned = "InApp", mentioned = "InApp", watchedStatus = "InApp", sprint = "InApp", alert = "InApp", dailyDigest = true,
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var product = await TestProduct.CreateAsync(owner);
        await AssignAsync(owner, await product.AddAsync("Digest me"), "Digest me", member.UserId);
        await AssignAsync(owner, await product.AddAsync("Already read"), "Already read", member.UserId);
        var read = (await NoticesAsync(member)).First(n => Title(n).Contains("Already read", StringComparison.Ordinal));
        await member.Client.PostAsync($"/api/v1/notifications/{read.GetProperty("id").GetGuid()}/read", null, Ct);

        await _app.Services.GetRequiredService<NotificationDigest>().RunAsync(Ct);
        var mail = await EmailedLinks.WaitForAsync(fixture.Smtp, member.Email, "FactoryCloud daily digest: 1 unread");
        Assert.Contains("Digest me", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Already read", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"{NotificationApp.PublicBaseUrl}/notifications", mail.Text, StringComparison.Ordinal);

        // A restarted process (a new digest with the same database) finds the digest of today already made.
        var restarted = ActivatorUtilities.CreateInstance<NotificationDigest>(_app.Services);
        await restarted.RunAsync(Ct);
        await using var db = _app.Services.GetRequiredService<AppDbContextFactory>().Create(DataScope.ForTenant(owner.TenantId));
        Assert.Equal(1, await db.NotificationOutbox.CountAsync(e => e.Kind == OutboxKind.PersonalEmail && e.Target == member.Email, Ct));
        Assert.NotNull((await db.NotificationPreferences.SingleAsync(p => p.UserId == member.UserId, Ct)).LastDigestAt);
        Assert.Empty(await NoticesAsync(owner));
    }

    [Fact]
    public async Task AnAlertNoticeFollowsEachRecipientsAlertChoiceEmailInAppOrNone()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var inApp = await owner.AddMemberAsync(_app, "TeamMember");
        var silent = await owner.AddMemberAsync(_app, "TeamMember");
        foreach (var (session, channel) in new[] { (inApp, "InApp"), (silent, "None") })
        {
            var put = await session.Client.PutAsJsonAsync("/api/v1/account/notification-preferences", new
            {
                assigned = "Email", mentioned = "Email", watchedStatus = "InApp", sprint = "InApp", alert = channel, dailyDigest = false,
            }, Ct);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var rule = await owner.Client.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Feeder down", kind = "MachineDown", scopeKind = "Site", scopeId = plant.Site, durationMinutes = 1, severity = "Major",
            channels = InAppAndEmail, recipients = new[] { "role:Owner", $"member:{inApp.UserId}", $"member:{silent.UserId}" },
        }, Ct);
        Assert.True(rule.StatusCode == HttpStatusCode.Created, await rule.Content.ReadAsStringAsync(Ct));

        var device = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        var now = DateTimeOffset.UtcNow;
        await _app.Services.GetRequiredService<ITelemetryStore>().StoreAsync(
            [device.State(now.AddMinutes(-10), MachineState.Running), device.State(now.AddMinutes(-3), MachineState.Down, "jam")], Ct);

        // The owner kept the default (email and the centre); the centre entries are saved with the email's outbox row.
        await EmailedLinks.WaitForAsync(fixture.Smtp, owner.Email, "[Major] Feeder down on Press 1: raised");
        var ownerNotice = Assert.Single(await NoticesAsync(owner, "?kind=Alert"));
        Assert.StartsWith($"/dashboards/machines/{plant.Machine}?at=", ownerNotice.GetProperty("link").GetString(), StringComparison.Ordinal);
        Assert.Equal("[Major] Feeder down on Press 1: raised", Title(Assert.Single(await NoticesAsync(inApp, "?kind=Alert"))));
        Assert.Empty(await NoticesAsync(silent));
        await using var db = _app.Services.GetRequiredService<AppDbContextFactory>().Create(DataScope.ForTenant(owner.TenantId));
        Assert.Equal([owner.Email], await db.NotificationOutbox.Where(e => e.Kind == OutboxKind.Email).Select(e => e.Target!).ToListAsync(Ct));
    }
}
