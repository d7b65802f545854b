using System.Net;
using AngleSharp.Dom;
using Bunit;
using FactoryCloud.Domain.Notifications;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Notifications;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Alerts;
using FactoryCloud.Web.Features.Webhooks;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FactoryCloud.Web.Tests.Alerts;

public sealed class WebhooksPageTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private SeededTenant _acme = default!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _acme = await _database.SeedTenantAsync("Acme Works", ("olivia@acme.test", "Olivia", TenantRole.Owner));
        await AlertSeed.CreateAsync(_database, _acme.Id);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task ANonHttpAddressShowsTheErrorBesideTheFieldAndSavesNothing()
    {
        await using var ctx = CreateContext();
        var dialogs = MembersScenario.RenderProviders(ctx);
        var page = ctx.Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=empty-state]")));

        _ = page.Find("button[data-testid=add-webhook]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find(".mud-dialog")));
        await Input(dialogs, "webhook-name").ChangeAsync(new() { Value = "Line chat" });
        await Input(dialogs, "webhook-url").ChangeAsync(new() { Value = "ftp://hooks.example.com/x" });
        await dialogs.Find("button[data-testid=webhook-save]").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Contains("Enter an http or https address", dialogs.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        Assert.Empty(await db.Webhooks.ToListAsync(Ct));
    }

    [Fact]
    public async Task ASavedWebhookIsListedAndItsSecretShownOnce()
    {
        await using var ctx = CreateContext();
        var dialogs = MembersScenario.RenderProviders(ctx);
        var page = ctx.Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=empty-state]")));

        _ = page.Find("button[data-testid=add-webhook]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find(".mud-dialog")));
        await Input(dialogs, "webhook-name").ChangeAsync(new() { Value = "Line chat" });
        await Input(dialogs, "webhook-url").ChangeAsync(new() { Value = "https://hooks.example.com/x" });
        await dialogs.Find("button[data-testid=webhook-save]").ClickAsync(new());

        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        page.WaitForAssertion(() => Assert.Contains("Line chat", page.Find("[data-testid=webhook-row]").TextContent, StringComparison.Ordinal));
        var secret = (await db.Webhooks.SingleAsync(Ct)).Secret;
        Assert.Equal(secret, page.Find("[data-testid=webhook-secret]").TextContent.Trim());

        // Another visit never shows it again.
        var again = ctx.Render<WebhooksPage>();
        again.WaitForAssertion(() => Assert.NotEmpty(again.FindAll("[data-testid=webhook-row]")));
        Assert.DoesNotContain(secret, again.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARuleThatEscalatesToNobodyOrEmailsNobodyShowsTheErrorsInline()
    {
        await using var ctx = CreateContext();
        var dialogs = MembersScenario.RenderProviders(ctx);
        var page = ctx.Render<AlertRulesPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=empty-state]")));

        _ = page.Find("button[data-testid=add-rule]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=policy-escalate-after]")));
        await Input(dialogs, "rule-name").ChangeAsync(new() { Value = "Press down" });
        await Input(dialogs, "policy-escalate-after").ChangeAsync(new() { Value = "10" });
        await Input(dialogs, "policy-channel-email").ChangeAsync(new() { Value = true });
        await dialogs.Find("button[data-testid=rule-save]").ClickAsync(new());

        dialogs.WaitForAssertion(() =>
        {
            var text = dialogs.Find(".mud-dialog").TextContent;
            Assert.Contains("Choose who is told when nobody acknowledges in time.", text, StringComparison.Ordinal);
            Assert.Contains("Choose who gets the email: a role, a member or a team.", text, StringComparison.Ordinal);
            Assert.Contains("Email, and in-app; escalates to nobody after 10 min unacknowledged", dialogs.Find("[data-testid=policy-summary]").TextContent, StringComparison.Ordinal);
        });
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        Assert.Empty(await db.AlertRules.ToListAsync(Ct));
    }

    [Fact]
    public async Task SendTestDeliversASignedTestNoticeToTheReceiverAndShowsTheOutcomeAndTheLog()
    {
        using var receiver = new HttpListener();
        var port = FreeLoopbackPort();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/");
        receiver.Start();
        var received = ReceiveOneAsync(receiver);
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id)))
        {
            db.Webhooks.Add(new Webhook
            {
                TenantId = _acme.Id, Name = "Line chat", Url = $"http://127.0.0.1:{port}/hook", Secret = new string('s', Webhook.SecretLength),
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }
        // The receiver is on loopback: allowed here as for a receiver on the plant's network.
        await using var ctx = CreateContext(o => o.Webhooks.AllowPrivateNetworks = true);
        ctx.Render<MudBlazor.MudPopoverProvider>();
        var snackbar = ctx.Render<MudBlazor.MudSnackbarProvider>();
        ctx.Render<MudBlazor.MudDialogProvider>();
        var page = ctx.Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=webhook-row]")));

        await page.Find("button[data-testid=test-webhook]").ClickAsync(new());

        var request = await received.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal("alert.test", request.Event);
        Assert.True(WebhookSignature.Verify(new string('s', Webhook.SecretLength), request.Timestamp, request.Body, request.Signature, DateTimeOffset.UtcNow));
        snackbar.WaitForAssertion(() => Assert.Contains("Test delivered to Line chat.", snackbar.Markup, StringComparison.Ordinal));
        page.WaitForAssertion(() =>
        {
            var row = page.Find("[data-testid=webhook-log-row]");
            Assert.Contains("alert.test", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("200", row.TextContent, StringComparison.Ordinal);
            Assert.Contains(" ms", row.TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task SendTestToAnAddressNobodyAnswersRetriesLogsEachAttemptAndSaysItFailed()
    {
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id)))
        {
            // A free port nobody listens on: every attempt finds no answer.
            db.Webhooks.Add(new Webhook
            {
                TenantId = _acme.Id, Name = "Gone", Url = $"http://127.0.0.1:{FreeLoopbackPort()}/hook", Secret = new string('s', Webhook.SecretLength),
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }
        await using var ctx = CreateContext(o => (o.Webhooks.AllowPrivateNetworks, o.Webhooks.RetryDelay) = (true, TimeSpan.FromMilliseconds(10)));
        ctx.Render<MudBlazor.MudPopoverProvider>();
        var snackbar = ctx.Render<MudBlazor.MudSnackbarProvider>();
        ctx.Render<MudBlazor.MudDialogProvider>();
        var page = ctx.Render<WebhooksPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=webhook-row]")));

        await page.Find("button[data-testid=test-webhook]").ClickAsync(new());

        snackbar.WaitForAssertion(() => Assert.Contains("Test to Gone failed:", snackbar.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("[data-testid=webhook-log-row]");
            Assert.Equal(1 + new WebhookOptions().RetryCount, rows.Count); // the attempt and each retry
            Assert.All(rows, r => Assert.Contains("no answer", r.TextContent, StringComparison.Ordinal));
        });
    }

    private sealed record ReceivedRequest(string? Event, string Timestamp, string Signature, string Body);

    private static async Task<ReceivedRequest> ReceiveOneAsync(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers;
        var request = new ReceivedRequest(headers[WebhookSignature.EventHeader], headers[WebhookSignature.TimestampHeader] ?? "",
            headers[WebhookSignature.SignatureHeader] ?? "", body);
        context.Response.StatusCode = 200;
        context.Response.Close();
        return request;
    }

    private static int FreeLoopbackPort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private static IElement Input(IRenderedComponent<MudBlazor.MudDialogProvider> dialogs, string testId) =>
        dialogs.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    private Bunit.BunitContext CreateContext(Action<NotificationOptions>? options = null)
    {
        var ctx = WebTestContext.Create(_database);
        ctx.Services.AddHttpClient();
        ctx.Services.AddOptions<NotificationOptions>().Configure(o => options?.Invoke(o));
        ctx.Services.TryAddSingleton(TimeProvider.System);
        ctx.Services.AddSingleton<WebhookSender>();
        ctx.Services.AddScoped<WebhookService>();
        ctx.Services.AddScoped<AlertRuleService>();
        ctx.SignIn(_acme.Member(TenantRole.Owner), _acme.MembershipAs(TenantRole.Owner));
        return ctx;
    }
}
