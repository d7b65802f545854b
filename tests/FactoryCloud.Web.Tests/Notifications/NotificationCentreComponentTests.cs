using Bunit;
using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Domain.Notifications;
using FactoryCloud.Domain.Tenancy;
using FactoryCloud.Infrastructure.Notifications;
using FactoryCloud.Infrastructure.Tenancy;
using FactoryCloud.Web.Features.Backlogs;
using FactoryCloud.Web.Features.Backlogs.WorkItems;
using FactoryCloud.Web.Features.Notifications;
using FactoryCloud.Web.Tests.Backlogs.Shared;
using FactoryCloud.Web.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Web.Tests.Notifications;

/// <summary>
/// The comment box's @mention suggestions and the notification bell, on SQLite: suggestions list only this
/// organisation's members, a picked mention is stored by member id and tells that member (not the writer); the bell
/// counts unread notices, marks all read and refreshes when told.
/// </summary>
public sealed class NotificationCentreComponentTests : IAsyncLifetime
{
    private readonly BacklogScenario _scenario = new();
    private SeededTenant _other = default!;

    public async ValueTask InitializeAsync()
    {
        await _scenario.InitializeAsync();
        _other = await _scenario.Database.SeedTenantAsync("Other Co", ("terry@other.test", "Terry Other", TenantRole.TeamMember));
    }

    public ValueTask DisposeAsync() => _scenario.DisposeAsync();

    private Guid Tessa => _scenario.Acme.Member(TenantRole.TeamMember).UserId;

    [Fact]
    public async Task TypingAtSuggestsOnlyThisOrganisationsMembersAndAPickedMentionIsStoredByIdAndTellsThatMember()
    {
        await using var ctx = _scenario.ContextFor(TenantRole.Owner);
        var product = await BacklogScenario.CreateProductAsync(ctx, "Andon app");
        var item = await BacklogScenario.AddAsync(ctx, product, "Andon call button");
        MembersScenario.RenderProviders(ctx);
        var comments = ctx.Render<WorkItemComments>(p => p.Add(c => c.ItemId, item.Id).Add(c => c.CanEdit, true));

        comments.Find("textarea[data-testid=comment-input]").Input("Please check @t");
        comments.WaitForAssertion(() => Assert.Equal(["Tessa Team"], comments.FindAll("[data-testid=mention-suggestion]").Select(s => s.TextContent.Trim())));
        comments.Find("textarea[data-testid=comment-input]").Input("Please check @ter");
        comments.WaitForAssertion(() => Assert.Empty(comments.FindAll("[data-testid=mention-suggestion]")));
        comments.Find("textarea[data-testid=comment-input]").Input("Please check @T");
        comments.WaitForAssertion(() => Assert.Single(comments.FindAll("[data-testid=mention-suggestion]")));

        comments.Find("[data-testid=mention-suggestion]").Click();
        comments.WaitForAssertion(() => Assert.Equal("Please check @Tessa Team ", comments.Find("textarea[data-testid=comment-input]").GetAttribute("value")));
        comments.Find("textarea[data-testid=comment-input]").Input("Please check @Tessa Team the wiring");
        comments.Find("form").Submit();

        comments.WaitForAssertion(() => Assert.Contains("<strong>@Tessa Team</strong>", comments.Find("[data-testid=comment-body]").InnerHtml, StringComparison.Ordinal));
        var stored = (await ctx.Services.GetRequiredService<WorkItemDetailsService>().CommentsAsync(item.Id)).Value!.Single();
        Assert.Equal($"Please check {CommentMentions.TokenFor(Tessa)} the wiring", stored.Body);
        await using var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Acme.Id));
        var notice = Assert.Single(await db.PersonalNotifications.ToListAsync(Xunit.TestContext.Current.CancellationToken));
        Assert.Equal((Tessa, PersonalNoticeKind.Mentioned), (notice.UserId, notice.Kind));
        Assert.Contains("Please check @Tessa Team the wiring", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBellCountsUnreadMarksAllReadAndRefreshesWhenTheMemberIsTold()
    {
        await using (var owner = _scenario.ContextFor(TenantRole.Owner))
        {
            var product = await BacklogScenario.CreateProductAsync(owner, "Energy monitor");
            var item = await BacklogScenario.AddAsync(owner, product, "Meter import");
            var view = await BacklogScenario.ItemAsync(owner, item.Id);
            var assigned = await owner.Services.GetRequiredService<WorkItemService>().UpdateAsync(item.Id, new WorkItemRequest
            {
                Title = view.Title, Type = view.Type, AssigneeId = Tessa, Version = view.Version,
            });
            Assert.True(assigned.Succeeded, assigned.Failure?.Message);
        }
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        var popovers = ctx.Render<MudBlazor.MudPopoverProvider>();
        var bell = ctx.Render<NotificationBell>();
        bell.WaitForAssertion(() => Assert.Equal("1", bell.Find("[data-testid=notification-bell]").GetAttribute("data-unread")));
        Assert.Equal("Notifications, 1 unread", bell.Find("[data-testid=notification-bell]").GetAttribute("aria-label"));

        bell.Find("button[data-testid=notification-bell]").Click();
        popovers.WaitForAssertion(() => Assert.Contains("assigned you \"Meter import\"", popovers.Find("[data-testid=notification-bell-item]").TextContent, StringComparison.Ordinal));
        Assert.Equal("false", popovers.Find("[data-testid=notification-bell-item]").GetAttribute("data-read"));
        popovers.Find("[data-testid=notification-bell-read-all]").Click();
        bell.WaitForAssertion(() => Assert.Equal("0", bell.Find("[data-testid=notification-bell]").GetAttribute("data-unread")));

        // A notice saved elsewhere (another circuit) shows once the member is told of it; another tenant's does not refresh.
        await using (var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Acme.Id)))
        {
            db.PersonalNotifications.Add(new PersonalNotification { UserId = Tessa, Kind = PersonalNoticeKind.Sprint, Title = "Sprint 3 started", Link = "/backlogs", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }
        var notices = ctx.Services.GetRequiredService<PersonalNotices>();
        var renders = bell.RenderCount;
        notices.Announce(_other.Id, [Tessa]);
        Assert.Equal(renders, bell.RenderCount);
        notices.Announce(_scenario.Acme.Id, [Tessa]);
        bell.WaitForAssertion(() => Assert.Equal("1", bell.Find("[data-testid=notification-bell]").GetAttribute("data-unread")), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task TheNotificationsPageFiltersUnreadAndMarksOneReadAndPreferencesSave()
    {
        await using (var db = _scenario.Database.Contexts.Create(DataScope.ForTenant(_scenario.Acme.Id)))
        {
            db.PersonalNotifications.Add(new PersonalNotification { UserId = Tessa, Kind = PersonalNoticeKind.Sprint, Title = "Sprint 3 started", Link = "/backlogs", CreatedAt = DateTimeOffset.UtcNow });
            db.PersonalNotifications.Add(new PersonalNotification { UserId = Tessa, Kind = PersonalNoticeKind.Assigned, Title = "Olivia assigned you \"Pump\"", Link = "/backlogs/items/x", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }
        await using var ctx = _scenario.ContextFor(TenantRole.TeamMember);
        MembersScenario.RenderProviders(ctx);
        var page = ctx.Render<NotificationsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=notification]").Count));
        AngleSharp.Dom.IElement Notice(string title) =>
            page.FindAll("[data-testid=notification]").Single(n => n.QuerySelector("[data-testid=notification-link]")!.TextContent.Trim() == title);
        Assert.Equal("backlogs/items/x", Notice("Olivia assigned you \"Pump\"").QuerySelector("[data-testid=notification-link]")!.GetAttribute("href"));

        Notice("Olivia assigned you \"Pump\"").QuerySelector("button[data-testid=notification-toggle-read]")!.Click();
        page.WaitForAssertion(() => Assert.Equal("true", Notice("Olivia assigned you \"Pump\"").GetAttribute("data-read")));
        var unreadOnly = page.FindComponent<MudBlazor.MudSwitch<bool>>();
        await page.InvokeAsync(() => unreadOnly.Instance.ValueChanged.InvokeAsync(true));
        page.WaitForAssertion(() => Assert.Equal(["Sprint 3 started"], page.FindAll("[data-testid=notification-link]").Select(l => l.TextContent.Trim())));

        var settings = ctx.Render<NotificationPreferencesPage>();
        settings.WaitForAssertion(() => Assert.Equal(5, settings.FindAll("[data-testid=preference-row]").Count));
        var digest = settings.FindComponent<MudBlazor.MudSwitch<bool>>();
        await settings.InvokeAsync(() => digest.Instance.ValueChanged.InvokeAsync(true));
        settings.Find("form").Submit();
        settings.WaitForAssertion(() => Assert.Contains("Notification settings saved.", ctx.Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars.Select(b => b.Message)));
        var saved = await ctx.Services.GetRequiredService<NotificationCentreService>().GetPreferencesAsync();
        Assert.True(saved.Value!.DailyDigest);
    }
}
