using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.Notifications;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Persistence;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using FactoryCloud.IntegrationTests.Web.Account;
using FactoryCloud.IntegrationTests.Web.Backlogs.Shared;
using FactoryCloud.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Alerts;

/// <summary>
/// Alert notices end to end on PostgreSQL: the app with a real SMTP server (aiosmtpd) and a real HTTP listener as the
/// webhook receiver; the outbox worker runs as in production, polled fast.
/// </summary>
/// <summary>
/// The app with a real SMTP server (aiosmtpd) and a real HTTP listener as the webhook receiver, on a PostgreSQL
/// database of its own: other test apps run outbox workers too, and on a shared database they would take this
/// app's notices (as instances of one deployment do, but with other settings).
/// </summary>
public sealed class NotificationApp(DatabaseServers servers) : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://factorycloud.example";

    public SmtpServer Smtp { get; private set; } = default!;
    public FactoryCloudApp App { get; private set; } = default!;
    public WebhookReceiver Receiver { get; } = new();
    private TestDatabase _database = default!;

    public async ValueTask InitializeAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, servers.Postgres);
        App = new FactoryCloudApp(_database, new Dictionary<string, string?>
        {
            ["App:PublicBaseUrl"] = PublicBaseUrl,
            ["Email:Smtp:Host"] = Smtp.Host,
            ["Email:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:From"] = "FactoryCloud <no-reply@factorycloud.example>",
            ["Email:Smtp:UseTls"] = "false",
            ["Accounts:RequireConfirmedEmail"] = "false",
            ["Notifications:PollInterval"] = "00:00:00.2",
            ["Notifications:Webhooks:RetryDelay"] = "00:00:00.05",
            ["Notifications:Webhooks:AllowPrivateNetworks"] = "true",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
        await Smtp.DisposeAsync();
        Receiver.Dispose();
    }
}

/// <summary>Alert notices end to end on PostgreSQL; the outbox worker runs as in production, polled fast.</summary>
public sealed class AlertNotificationTests(NotificationApp fixture) : IClassFixture<NotificationApp>
{
    private const string PublicBaseUrl = NotificationApp.PublicBaseUrl;
    private static readonly string[] AllChannels = ["InApp", "Email", "Webhook"];
    private static readonly string[] Owners = ["role:Owner"];
    private static readonly string[] Admins = ["role:Admin"];
    private static readonly string[] WebhookOnly = ["Webhook"];
    private static readonly string[] EmailOnly = ["Email"];
    private static readonly JsonSerializerOptions NoticeOptions = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly SmtpServer _smtp = fixture.Smtp;
    private readonly FactoryCloudApp _app = fixture.App;
    private readonly WebhookReceiver _receiver = fixture.Receiver;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RaiseAcknowledgeAndClearAreToldByEmailAndASignedWebhookLinkingToTheDashboardAtTheAlertsTime()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var (_, secret) = await CreateWebhookAsync(owner, "GenericJson");
        var rule = await owner.Client.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Press down", kind = "MachineDown", scopeKind = "Site", scopeId = plant.Site, durationMinutes = 1, severity = "Critical",
            channels = AllChannels, recipients = Owners,
        }, Ct);
        Assert.True(rule.StatusCode == HttpStatusCode.Created, await rule.Content.ReadAsStringAsync(Ct));
        var ruleBody = await rule.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Critical", ruleBody.GetProperty("severity").GetString());
        Assert.Equal("Email and webhook to Owners, and in-app", ruleBody.GetProperty("notifies").GetString());

        var device = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        var store = _app.Services.GetRequiredService<ITelemetryStore>();
        var now = DateTimeOffset.UtcNow;
        await store.StoreAsync([device.State(now.AddMinutes(-10), MachineState.Running), device.State(now.AddMinutes(-3), MachineState.Down, "jam")], Ct);

        var raised = (await _receiver.WaitForAsync(1)).Single();
        Assert.Equal("alert.raised", raised.Headers[WebhookSignature.EventHeader]);
        Assert.True(WebhookSignature.Verify(secret, raised.Headers[WebhookSignature.TimestampHeader], raised.Body, raised.Headers[WebhookSignature.SignatureHeader], DateTimeOffset.UtcNow));
        var payload = JsonDocument.Parse(raised.Body).RootElement;
        Assert.Equal("Critical", payload.GetProperty("alert").GetProperty("severity").GetString());
        Assert.Equal("Press 1", payload.GetProperty("alert").GetProperty("machine").GetString());
        var raisedAt = payload.GetProperty("alert").GetProperty("raisedAt").GetDateTimeOffset();
        var link = $"{PublicBaseUrl}/dashboards/machines/{plant.Machine}?at={raisedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";
        Assert.Equal(link, payload.GetProperty("link").GetString());

        var mail = await EmailedLinks.WaitForAsync(_smtp, owner.Email, "[Critical] Press down on Press 1: raised");
        Assert.Contains(link, mail.Text, StringComparison.Ordinal);

        var alertId = payload.GetProperty("alert").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsync($"/api/v1/alerts/{alertId}/acknowledge", null, Ct)).StatusCode);
        var acknowledged = (await _receiver.WaitForAsync(2))[1];
        Assert.Equal("alert.acknowledged", acknowledged.Headers[WebhookSignature.EventHeader]);
        // The owner acknowledged it: not told of their own action (the webhook and its emails are expanded in one save).
        await using (var db = _app.Services.GetRequiredService<AppDbContextFactory>().Create(DataScope.ForTenant(owner.TenantId)))
            Assert.False(await db.NotificationOutbox.AnyAsync(e => e.Kind == OutboxKind.Email && e.Event == AlertNoticeEvent.Acknowledged, Ct));

        await store.StoreAsync([device.State(DateTimeOffset.UtcNow, MachineState.Running)], Ct);
        var cleared = (await _receiver.WaitForAsync(3))[2];
        Assert.Equal("alert.cleared", cleared.Headers[WebhookSignature.EventHeader]);
        Assert.Contains(link, JsonDocument.Parse(cleared.Body).RootElement.GetProperty("link").GetString(), StringComparison.Ordinal);

        // Three deliveries, one attempt each, in the log.
        var webhookId = (await owner.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/webhooks", Ct))!.Single().GetProperty("id").GetGuid();
        var log = await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/webhooks/{webhookId}/deliveries", Ct);
        Assert.Equal(3, log!.Length);
        Assert.All(log, d => Assert.Equal(200, d.GetProperty("statusCode").GetInt32()));
    }

    [Fact]
    public async Task NamedMembersAndATeamAreToldThenTheEscalationRecipientsAfterNMinutesThenBothListsAgainWhileItStaysOpen()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var onCall = await owner.AddMemberAsync(_app, "PlantManager");
        var fitter = await owner.AddMemberAsync(_app, "TeamMember");
        var admin = await owner.AddMemberAsync(_app, "Admin");
        var team = (await TestProduct.CreatedAsync(owner.Client.PostAsJsonAsync("/api/v1/teams", new
        {
            name = "Maintenance", members = new[] { new { userId = fitter.UserId, name = "Fitter", discipline = "Operations" } },
        }, Ct))).GetProperty("id").GetGuid();
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var rule = await owner.Client.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Feeder down", kind = "MachineDown", scopeKind = "Site", scopeId = plant.Site, durationMinutes = 1, severity = "Critical",
            channels = EmailOnly, recipients = new[] { $"member:{onCall.UserId}", $"team:{team}" }, escalationRecipients = Admins,
            escalateAfterMinutes = 5, repeatEveryMinutes = 30,
        }, Ct);
        Assert.True(rule.StatusCode == HttpStatusCode.Created, await rule.Content.ReadAsStringAsync(Ct));
        Assert.Contains("after 5 min unacknowledged", (await rule.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("notifies").GetString(), StringComparison.Ordinal);

        var device = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        var now = DateTimeOffset.UtcNow;
        await _app.Services.GetRequiredService<ITelemetryStore>().StoreAsync(
            [device.State(now.AddMinutes(-10), MachineState.Running), device.State(now.AddMinutes(-3), MachineState.Down, "jam")], Ct);
        const string Raised = "[Critical] Feeder down on Press 1: raised";
        var raised = await EmailedLinks.WaitForAsync(_smtp, onCall.Email, Raised);
        Assert.Contains($"{PublicBaseUrl}/dashboards/machines/{plant.Machine}?at=", raised.Text, StringComparison.Ordinal);
        await EmailedLinks.WaitForAsync(_smtp, fitter.Email, Raised);

        var contexts = _app.Services.GetRequiredService<AppDbContextFactory>();
        var worker = _app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<FactoryCloud.Infrastructure.Notifications.NotificationWorker>().Single();
        // Time passes without anyone acknowledging: the raise was told 6 minutes ago (escalation is due after 5, a repeat after 30).
        await using (var db = contexts.Create(DataScope.ForTenant(owner.TenantId)))
            await db.Alerts.ExecuteUpdateAsync(u => u.SetProperty(a => a.NotifiedAt, a => a.NotifiedAt!.Value.AddMinutes(-6))
                .SetProperty(a => a.LastNotifiedAt, a => a.LastNotifiedAt!.Value.AddMinutes(-6)), Ct);
        await worker.PassAsync(everyOrganisation: true, Ct);
        var escalated = await EmailedLinks.WaitForAsync(_smtp, admin.Email, "[Critical] Feeder down on Press 1: not acknowledged, escalated");
        Assert.Contains($"{PublicBaseUrl}/dashboards/machines/{plant.Machine}?at=", escalated.Text, StringComparison.Ordinal);

        // 31 minutes after the escalation, still open: repeated to the recipients and the escalation recipients.
        await using (var db = contexts.Create(DataScope.ForTenant(owner.TenantId)))
            await db.Alerts.ExecuteUpdateAsync(u => u.SetProperty(a => a.LastNotifiedAt, a => a.LastNotifiedAt!.Value.AddMinutes(-31)), Ct);
        await worker.PassAsync(everyOrganisation: true, Ct);
        const string Repeated = "[Critical] Feeder down on Press 1: still open";
        foreach (var member in new[] { onCall, fitter, admin }) await EmailedLinks.WaitForAsync(_smtp, member.Email, Repeated);

        var told = EmailedLinks.All(_smtp).Where(m => m.Subject.Contains("Feeder down", StringComparison.Ordinal)
            && new[] { owner.Email, onCall.Email, fitter.Email, admin.Email }.Contains(m.To)).Select(m => $"{m.To} {m.Subject}").Order().ToList();
        string[] expected =
        [
            $"{admin.Email} [Critical] Feeder down on Press 1: not acknowledged, escalated", $"{admin.Email} {Repeated}",
            $"{fitter.Email} {Raised}", $"{fitter.Email} {Repeated}",
            $"{onCall.Email} {Raised}", $"{onCall.Email} {Repeated}",
        ];
        Assert.Equal(expected.Order(), told); // nobody else (not the owner), and the escalation only to the escalation recipients

        // Acknowledged: nothing is repeated any more, however long it stays open.
        var alertId = (await onCall.Client.GetFromJsonAsync<JsonElement[]>("/api/v1/alerts?status=open", Ct))!.Single().GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await onCall.Client.PostAsync($"/api/v1/alerts/{alertId}/acknowledge", null, Ct)).StatusCode);
        await using (var db = contexts.Create(DataScope.ForTenant(owner.TenantId)))
            await db.Alerts.ExecuteUpdateAsync(u => u.SetProperty(a => a.LastNotifiedAt, a => a.LastNotifiedAt!.Value.AddMinutes(-120)), Ct);
        await worker.PassAsync(everyOrganisation: true, Ct);
        await using (var db = contexts.Create(DataScope.ForTenant(owner.TenantId)))
            Assert.Equal(1, await db.NotificationOutbox.CountAsync(e => e.Kind == OutboxKind.AlertEvent && e.Event == AlertNoticeEvent.Repeated, Ct));
    }

    [Fact]
    public async Task ATestThatMeetsA500IsRetriedAndEachAttemptIsLoggedWithItsStatusAndResponseTime()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var (id, secret) = await CreateWebhookAsync(owner, "GenericJson", "retry");
        _receiver.AnswerNext(500);

        var test = await owner.Client.PostAsync($"/api/v1/webhooks/{id}/test", null, Ct);
        Assert.Equal(HttpStatusCode.OK, test.StatusCode);
        var result = await test.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(result.GetProperty("succeeded").GetBoolean());

        var requests = await _receiver.WaitForAsync(2, "/retry");
        Assert.All(requests, r => Assert.True(WebhookSignature.Verify(secret, r.Headers[WebhookSignature.TimestampHeader], r.Body, r.Headers[WebhookSignature.SignatureHeader], DateTimeOffset.UtcNow)));
        Assert.Equal(requests[0].Headers[WebhookSignature.DeliveryHeader], requests[1].Headers[WebhookSignature.DeliveryHeader]);

        var log = (await owner.Client.GetFromJsonAsync<JsonElement[]>($"/api/v1/webhooks/{id}/deliveries", Ct))!.OrderBy(d => d.GetProperty("attempt").GetInt32()).ToList();
        Assert.Equal([1, 2], log.Select(d => d.GetProperty("attempt").GetInt32()));
        Assert.Equal([500, 200], log.Select(d => d.GetProperty("statusCode").GetInt32()));
        Assert.Equal([false, true], log.Select(d => d.GetProperty("succeeded").GetBoolean()));
        Assert.All(log, d => Assert.True(d.GetProperty("durationMs").GetDouble() >= 0));
        Assert.All(log, d => Assert.Equal("alert.test", d.GetProperty("event").GetString()));
    }

    [Theory]
    [InlineData("MicrosoftTeams", "teams")]
    [InlineData("Slack", "slack")]
    public async Task TeamsAndSlackWebhooksGetThePayloadTheirIncomingWebhooksAccept(string format, string path)
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var (id, _) = await CreateWebhookAsync(owner, format, path);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsync($"/api/v1/webhooks/{id}/test", null, Ct)).StatusCode);
        var body = JsonDocument.Parse((await _receiver.WaitForAsync(1, "/" + path)).Single().Body).RootElement;
        if (format == "Slack")
        {
            Assert.StartsWith("[Warning] Test notice on Test machine", body.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Equal("section", body.GetProperty("blocks")[0].GetProperty("type").GetString());
        }
        else
        {
            Assert.Equal("MessageCard", body.GetProperty("@type").GetString());
            Assert.Equal("OpenUri", body.GetProperty("potentialAction")[0].GetProperty("@type").GetString());
        }
    }

    [Fact]
    public async Task ANoticeLeftInTheOutboxIsSentByTheWorkerLater()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var (id, _) = await CreateWebhookAsync(owner, "GenericJson", "later");
        var entryId = Guid.CreateVersion7();
        await using (var db = _app.Database.Contexts.Create(DataScope.ForTenant(owner.TenantId)))
        {
            // As a process that stopped before sending would have left it.
            var notice = new AlertNotice(AlertNoticeEvent.Raised, DateTimeOffset.UtcNow, Guid.NewGuid(), "Press down", Domain.Alerts.AlertSeverity.Major,
                Guid.NewGuid(), "Press 1", "Down for 3 min", Domain.Alerts.AlertStatus.Open, DateTimeOffset.UtcNow, null, "/alerts", "Org");
            db.NotificationOutbox.Add(new NotificationOutboxEntry
            {
                Id = entryId, Kind = OutboxKind.Webhook, Event = AlertNoticeEvent.Raised, Target = id.ToString(),
                Payload = JsonSerializer.Serialize(notice, NoticeOptions),
                CreatedAt = DateTimeOffset.UtcNow, DueAt = DateTimeOffset.UtcNow, LockedUntil = DateTimeOffset.UtcNow.AddSeconds(-1),
            });
            await db.SaveChangesAsync(Ct);
        }
        // The worker visits every organisation on its sweep; an alert change makes it look at once.
        _app.Services.GetRequiredService<FactoryCloud.Infrastructure.Alerts.AlertNotifications>().Publish(owner.TenantId);
        var received = (await _receiver.WaitForAsync(1, "/later")).Single();
        Assert.Equal(entryId.ToString(), received.Headers[WebhookSignature.DeliveryHeader]);
        for (var i = 0; i < 100; i++)
        {
            await using var db = _app.Database.Contexts.Create(DataScope.ForTenant(owner.TenantId));
            if (await db.NotificationOutbox.AnyAsync(e => e.Id == entryId && e.Status == OutboxStatus.Done, Ct)) return;
            await Task.Delay(50, Ct);
        }
        Assert.Fail("The entry was not marked done.");
    }

    [Fact]
    public async Task AQuietRuleHoldsItsRaiseUntilTheNextShiftStarts()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var plant = await TestPlant.CreateAsync(owner);
        // One shift, three days from now, 10:00-11:00 UTC: now is outside every shift.
        var shiftDay = DateTime.UtcNow.Date.AddDays(3);
        var site = await owner.Client.PutAsJsonAsync($"/api/v1/sites/{plant.Site}", new
        {
            key = "plant-1", name = "Plant 1", timeZone = "UTC",
            shifts = new[] { new { day = shiftDay.DayOfWeek.ToString(), start = "10:00:00", end = "11:00:00", kind = "Production", name = "Short" } },
        }, Ct);
        Assert.True(site.IsSuccessStatusCode, await site.Content.ReadAsStringAsync(Ct));
        await CreateWebhookAsync(owner, "GenericJson", "quiet");
        var rule = await owner.Client.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Press down", kind = "MachineDown", scopeKind = "Site", scopeId = plant.Site, durationMinutes = 1, severity = "Minor",
            channels = WebhookOnly, quietOutsideShifts = true,
        }, Ct);
        Assert.True(rule.StatusCode == HttpStatusCode.Created, await rule.Content.ReadAsStringAsync(Ct));
        Assert.Contains("quiet outside shifts", (await rule.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("notifies").GetString(), StringComparison.Ordinal);

        var device = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        var now = DateTimeOffset.UtcNow;
        await _app.Services.GetRequiredService<ITelemetryStore>().StoreAsync(
            [device.State(now.AddMinutes(-10), MachineState.Running), device.State(now.AddMinutes(-3), MachineState.Down, "jam")], Ct);

        var expected = new DateTimeOffset(shiftDay.AddHours(10), TimeSpan.Zero);
        for (var i = 0; i < 200; i++)
        {
            await using var db = _app.Database.Contexts.Create(DataScope.ForTenant(owner.TenantId));
            var held = await db.NotificationOutbox.AsNoTracking().Where(e => e.Kind == OutboxKind.AlertEvent).ToListAsync(Ct);
            if (held is [{ Status: OutboxStatus.Pending } entry] && entry.DueAt > DateTimeOffset.UtcNow)
            {
                Assert.Equal(expected, entry.DueAt);
                Assert.DoesNotContain(_receiver.Requests, r => r.Path == "/quiet");
                return;
            }
            await Task.Delay(50, Ct);
        }
        Assert.Fail("The raise was not held until the next shift.");
    }

    [Fact]
    public async Task AnotherOrganisationCannotListSeeChangeTestOrReadTheLogOfAWebhook()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var (id, _) = await CreateWebhookAsync(owner, "GenericJson", "isolated");
        var other = await ApiSession.SignUpAsync(_app);
        var client = other.Client;

        Assert.Empty((await client.GetFromJsonAsync<JsonElement[]>("/api/v1/webhooks", Ct))!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/webhooks/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/v1/webhooks/{id}", new { name = "Mine", url = "https://evil.example/x", format = "GenericJson", enabled = true }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/webhooks/{id}/test", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/webhooks/{id}/deliveries", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/webhooks/{id}", Ct)).StatusCode);
        Assert.DoesNotContain(_receiver.Requests, r => r.Path == "/isolated");
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"/api/v1/webhooks/{id}", Ct)).StatusCode);

        var anonymous = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/webhooks", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/v1/webhooks/{id}/test", null, Ct)).StatusCode);

        var viewer = await owner.AddMemberAsync(_app, "Viewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.GetAsync("/api/v1/webhooks", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/x", "Url")]
    [InlineData("file:///etc/passwd", "Url")]
    [InlineData("javascript:alert(1)", "Url")]
    [InlineData("https://user:secret@hooks.example.com/x", "Url")]
    [InlineData("", "Url")]
    public async Task AHostileOrNonHttpAddressIsRefusedWithProblemDetails(string url, string field)
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var response = await owner.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = "Bad", url, format = "GenericJson" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task AnOverlongNameAndAnUnknownRecipientAreRefused()
    {
        var owner = await ApiSession.SignUpAsync(_app);
        var response = await owner.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = new string('x', 5000), url = "https://hooks.example.com/x" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var plant = await TestPlant.CreateAsync(owner);
        var rule = await owner.Client.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Press down", kind = "MachineDown", scopeKind = "Site", scopeId = plant.Site, durationMinutes = 5,
            channels = EmailOnly, recipients = new[] { $"member:{Guid.NewGuid()}" },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, rule.StatusCode);
        Assert.True((await rule.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("Recipients", out _));
    }

    [Fact]
    public async Task AnOrganisationScheduledForDeletionIsToldNothingUntilItIsRestored()
    {
        var name = "Quiet " + Guid.NewGuid().ToString("N")[..8];
        var owner = await ApiSession.SignUpAsync(_app, name);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var path = "deleted-" + Guid.NewGuid().ToString("N")[..8];
        await CreateWebhookAsync(owner, "GenericJson", path);
        var rule = await owner.Client.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Press down", kind = "MachineDown", scopeKind = "Site", scopeId = plant.Site, durationMinutes = 1, channels = WebhookOnly,
        }, Ct);
        Assert.True(rule.StatusCode == HttpStatusCode.Created, await rule.Content.ReadAsStringAsync(Ct));
        using (var deleted = await owner.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/organisation") { Content = JsonContent.Create(new { name }) }, Ct))
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        // Telemetry accepted before the deletion still raises the alert; its notice waits in the outbox.
        var device = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        var now = DateTimeOffset.UtcNow;
        await _app.Services.GetRequiredService<ITelemetryStore>().StoreAsync(
            [device.State(now.AddMinutes(-10), MachineState.Running), device.State(now.AddMinutes(-3), MachineState.Down, "jam")], Ct);
        // The alert worker evaluates after the commit in the background; evaluating here too makes sure it is raised now
        // (raising twice is not possible: an open alert is not raised again).
        await _app.Services.GetRequiredService<FactoryCloud.Infrastructure.Alerts.AlertEvaluator>().EvaluateAsync(owner.TenantId, null, Ct);
        var contexts = _app.Services.GetRequiredService<AppDbContextFactory>();
        await using (var db = contexts.Create(DataScope.ForTenant(owner.TenantId)))
            Assert.Equal(1, await db.Alerts.CountAsync(Ct));
        // A full pass of the outbox worker, as it runs every poll: it skips the organisation, so nothing is expanded or sent.
        var worker = _app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<FactoryCloud.Infrastructure.Notifications.NotificationWorker>().Single();
        await worker.PassAsync(everyOrganisation: true, Ct);
        await using (var db = contexts.Create(DataScope.ForTenant(owner.TenantId)))
        {
            var entries = await db.NotificationOutbox.AsNoTracking().ToListAsync(Ct);
            Assert.NotEmpty(entries);
            Assert.All(entries, e => Assert.Equal(OutboxStatus.Pending, e.Status));
            Assert.DoesNotContain(entries, e => e.Kind == OutboxKind.Webhook);
        }

        // Restored: the waiting notice goes out.
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsync("/api/v1/organisation/restore", null, Ct)).StatusCode);
        var delivered = Assert.Single(await _receiver.WaitForAsync(1, "/" + path));
        Assert.Equal("alert.raised", delivered.Headers[WebhookSignature.EventHeader]);
    }

    private async Task<(Guid Id, string Secret)> CreateWebhookAsync(ApiSession owner, string format, string path = "hook")
    {
        var response = await owner.Client.PostAsJsonAsync("/api/v1/webhooks", new { name = "Receiver " + path, url = _receiver.Url(path), format }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var secret = body.GetProperty("secret").GetString()!;
        Assert.Equal(Webhook.SecretLength, secret.Length);
        var id = body.GetProperty("webhook").GetProperty("id").GetGuid();
        // Shown once: no read answers the secret.
        Assert.DoesNotContain(secret, await owner.Client.GetStringAsync($"/api/v1/webhooks/{id}", Ct), StringComparison.Ordinal);
        return (id, secret);
    }
}
