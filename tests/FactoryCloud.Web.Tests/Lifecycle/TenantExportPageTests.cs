using Bunit;
using FactoryCloud.Domain.Lifecycle;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Common;
using FactoryCloud.Web.Features.Lifecycle.Export;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Lifecycle;

public sealed class TenantExportPageTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private SeededTenant _acme = default!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>
    /// A live page refreshes at most once per <see cref="LiveRefresh.Throttle"/>, so a change announced just after a
    /// load shows one throttle later plus the query and render: bUnit's default wait (one second) is shorter than that.
    /// </summary>
    private static readonly TimeSpan LiveUpdate = LiveRefresh.Throttle + TimeSpan.FromSeconds(4);

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _acme = await _database.SeedTenantAsync("Acme Works", ("olivia@acme.test", "Olivia", TenantRole.Owner));
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task ARunningExportShowsItsProgressAndTheNewFiguresWhenTheJobReportsThem()
    {
        var id = await AddAsync(new TenantExport
        {
            Status = TenantExportStatus.Running, RequestedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(7),
            EntitiesDone = 3, EntitiesTotal = 40, RowsWritten = 12345,
        });
        await using var ctx = CreateContext();
        var page = ctx.Render<TenantExportPage>();

        page.WaitForAssertion(() => Assert.Contains("3 of 40 kinds of data", page.Find($"[data-testid=export-{id}] [data-testid=export-progress]").TextContent));
        Assert.Contains("12,345 rows", page.Find("[data-testid=export-progress]").TextContent);
        Assert.Equal("Being made", page.Find("[data-testid=export-status]").TextContent.Trim());
        Assert.Equal("7.5", page.Find(".mud-progress-linear").GetAttribute("aria-valuenow"));
        Assert.True(page.Find("[data-testid=start-export]").HasAttribute("disabled")); // one at a time

        // The job writes progress and announces it: the page shows the new figures without a reload.
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id)))
            await db.TenantExports.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.EntitiesDone, 20).SetProperty(e => e.RowsWritten, 99000), Ct);
        ctx.Services.GetRequiredService<TenantExportChanges>().Announce(_acme.Id);
        page.WaitForAssertion(() => Assert.Contains("20 of 40 kinds of data", page.Find("[data-testid=export-progress]").TextContent), LiveUpdate);
        Assert.Contains("99,000 rows", page.Find("[data-testid=export-progress]").TextContent);

        // Finished: a download link instead of the bar.
        await using (var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id)))
            await db.TenantExports.Where(e => e.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, TenantExportStatus.Completed).SetProperty(e => e.EntitiesDone, 40).SetProperty(e => e.SizeBytes, 2048), Ct);
        ctx.Services.GetRequiredService<TenantExportChanges>().Announce(_acme.Id);
        page.WaitForAssertion(() => Assert.Equal("Ready", page.Find("[data-testid=export-status]").TextContent.Trim()), LiveUpdate);
        Assert.Equal(TenantExportService.ContentUrl(id), page.Find("[data-testid=download-export]").GetAttribute("href"));
        Assert.False(page.Find("[data-testid=start-export]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task StartingAnExportQueuesItAndAFailedOneSaysWhy()
    {
        await AddAsync(new TenantExport
        {
            Status = TenantExportStatus.Failed, RequestedAt = DateTimeOffset.UtcNow.AddHours(-1), ExpiresAt = DateTimeOffset.UtcNow.AddDays(7),
            Error = "The export was interrupted 3 times.",
        });
        await using var ctx = CreateContext();
        var page = ctx.Render<TenantExportPage>();
        page.WaitForAssertion(() => Assert.Contains("The export was interrupted 3 times.", page.Markup));

        page.Find("[data-testid=start-export]").Click();

        page.WaitForAssertion(() => Assert.Contains("Waiting to start", page.Markup));
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        Assert.Equal(1, await db.TenantExports.CountAsync(e => e.Status == TenantExportStatus.Queued, Ct));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == FactoryCloud.Domain.Audit.AuditAction.TenantExportRequested, Ct));
    }

    private async Task<Guid> AddAsync(TenantExport export)
    {
        await using var db = _database.Contexts.Create(DataScope.ForTenant(_acme.Id));
        export.RequestedBy = _acme.Members[0].UserId;
        db.TenantExports.Add(export);
        await db.SaveChangesAsync(Ct);
        return export.Id;
    }

    private BunitContext CreateContext()
    {
        var ctx = WebTestContext.Create(_database);
        ctx.Services.AddTenantExport(new ConfigurationBuilder().Build());
        ctx.SignIn(_acme.Member(TenantRole.Owner), _acme.MembershipAs(TenantRole.Owner));
        return ctx;
    }
}
