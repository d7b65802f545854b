using Bunit;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Telemetry;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Pipeline.Inbox;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Ingestion;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Ingestion;

/// <summary>The ingestion health page shows the signed-in tenant's messages waiting in the app's inbox (a real SQLite file), and no one else's.</summary>
public sealed class IngestionHealthPageTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("fc-web-inbox-");
    private TestDatabase _database = default!;
    private SeededTenant _acme = default!;
    private SeededTenant _globex = default!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _acme = await _database.SeedTenantAsync("Acme Works", ("vera@acme.test", "Vera", TenantRole.Viewer));
        _globex = await _database.SeedTenantAsync("Globex", ("gary@globex.test", "Gary", TenantRole.Viewer));
    }

    [Fact]
    public async Task The_page_shows_how_many_of_the_tenants_messages_wait_to_be_processed_and_how_long_the_oldest_has_waited()
    {
        await using var inbox = new TelemetryInbox(new InboxOptions { Path = Path.Combine(_directory.FullName, "inbox.db") }, TimeProvider.System);
        var receivedAt = DateTimeOffset.UtcNow.AddSeconds(-90);
        for (var seq = 1; seq <= 3; seq++) await inbox.WriteAsync(Message(_acme.Id, seq, receivedAt), Xunit.TestContext.Current.CancellationToken);
        for (var seq = 1; seq <= 1200; seq++) await inbox.WriteAsync(Message(_globex.Id, seq, receivedAt), Xunit.TestContext.Current.CancellationToken);

        await using (var ctx = ContextFor(_acme, inbox))
        {
            var page = ctx.Render<IngestionHealthPage>();
            page.WaitForAssertion(() => Assert.Matches(@"^3 messages · oldest \d+[.,]\d s$", page.Find("[data-testid=lag]").TextContent.Trim()));
        }
        await using (var ctx = ContextFor(_globex, inbox))
        {
            var page = ctx.Render<IngestionHealthPage>();
            page.WaitForAssertion(() => Assert.StartsWith($"{1200:N0} messages · oldest ", page.Find("[data-testid=lag]").TextContent.Trim()));
        }
    }

    [Fact]
    public async Task Without_an_inbox_in_this_process_the_page_says_the_worker_measures_the_lag()
    {
        await using var ctx = ContextFor(_acme, inbox: null);
        var page = ctx.Render<IngestionHealthPage>();
        page.WaitForAssertion(() => Assert.Equal("measured by the ingestion worker", page.Find("[data-testid=lag]").TextContent.Trim()));
    }

    [Fact]
    public async Task Messages_refused_over_the_plans_quotas_are_listed_with_their_reason_for_that_tenant_only()
    {
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id)))
        {
            foreach (var reason in (RefusalReason[])[RefusalReason.MessageQuotaExceeded, RefusalReason.MessageQuotaExceeded, RefusalReason.StorageQuotaExceeded])
            {
                db.IngestionRefusals.Add(new IngestionRefusal
                {
                    TenantId = _acme.Id, DeviceId = Guid.NewGuid(), Reason = reason, Topic = "fc/v1/acme-works/plant-1/assembly/line-1/m01/count",
                    Detail = "Quota exceeded", PayloadExcerpt = "{\"seq\":7}", At = DateTimeOffset.UtcNow.AddMinutes(-5),
                });
            }
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        await using (var ctx = ContextFor(_acme, inbox: null))
        {
            var page = ctx.Render<IngestionHealthPage>();
            page.WaitForAssertion(() =>
            {
                Assert.Equal("3", page.Find("[data-testid=refused-count]").TextContent.Trim());
                var groups = page.FindAll("[data-testid=refusal-group]").Select(g => g.TextContent).ToList();
                Assert.Contains(groups, g => g.Contains("quota messagesPerDay", StringComparison.Ordinal) && g.Contains("(MessageQuotaExceeded) · 2", StringComparison.Ordinal));
                Assert.Contains(groups, g => g.Contains("(StorageQuotaExceeded) · 1", StringComparison.Ordinal));
            });
        }
        await using (var ctx = ContextFor(_globex, inbox: null))
        {
            var page = ctx.Render<IngestionHealthPage>();
            page.WaitForAssertion(() => Assert.Contains("Nothing was refused in the last 24 hours.", page.Markup, StringComparison.Ordinal));
        }
    }

    private BunitContext ContextFor(SeededTenant tenant, TelemetryInbox? inbox)
    {
        var ctx = WebTestContext.Create(_database);
        ctx.Services.AddScoped<IngestionHealthService>();
        if (inbox is not null) ctx.Services.AddSingleton(inbox);
        ctx.SignIn(tenant.Member(TenantRole.Viewer), tenant.MembershipAs(TenantRole.Viewer));
        return ctx;
    }

    private static AcceptedTelemetry Message(Guid tenantId, int seq, DateTimeOffset receivedAt) =>
        new(tenantId, Guid.NewGuid(), Guid.Empty, $"device:{seq}", TelemetryChannel.Count, receivedAt.AddSeconds(-1),
            $"{{\"ts\":\"{receivedAt.AddSeconds(-1):O}\",\"seq\":{seq},\"good\":1}}", receivedAt);

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
