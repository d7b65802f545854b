using System.Text.RegularExpressions;
using FactoryCloud.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactoryCloud.E2E;

/// <summary>
/// Issue #17's "people told about their work" in the browser: a member is assigned a work item and mentioned in a
/// comment by another member (the Owner, through the API), sees the unread count on the inbox icon, opens
/// /notifications, follows a notice's link to the item (which marks it read) and marks the other one read.
/// </summary>
public sealed class NotificationCentreJourneyTests(E2EHost host)
{
    [Fact]
    public async Task AMemberAssignedAndMentionedSeesTheUnreadCountOpensTheCentreFollowsTheLinkAndMarksRead()
    {
        var suffix = Ui.UniqueSuffix();
        var organisation = $"Notice Works {suffix}";
        var memberEmail = $"tessa-{suffix}@example.test";
        const string memberName = "Tessa Teammate";

        await using var session = new BrowserSession(host);
        using var owner = await FactoryApi.SignUpAsync(session.BaseAddress, organisation, "Olivia Owner", $"owner-{suffix}@example.test");
        var link = await owner.InviteAsync(memberEmail, "TeamMember");
        var product = await owner.CreateAsync("api/v1/products", new { name = "Scrap reduction", description = "", businessOwnerName = "Plant manager", wipMode = "WarnAndConfirm" });
        var assigned = await owner.CreateAsync($"api/v1/products/{product}/items", new { title = "Check the die clamp", type = "Story" });
        var mentioned = await owner.CreateAsync($"api/v1/products/{product}/items", new { title = "Changeover checklist", type = "Story" });

        await session.RunAsync(async () =>
        {
            var member = await session.OpenAsync("member");
            await member.GotoAsync(link);
            await member.Locator("#name").FillAsync(memberName);
            await member.Locator("#password").FillAsync(Ui.Password);
            await member.GetByRole(AriaRole.Button, new() { Name = "Create account and join" }).ClickAsync();
            await Ui.ExpectHomeOfAsync(member, organisation);
            await Expect(member.GetByTestId("notification-bell")).ToHaveAttributeAsync("data-unread", "0");

            // The other member assigns one item to them and mentions them on another.
            var memberId = (await owner.GetAsync("api/v1/members")).EnumerateArray()
                .Single(m => m.GetProperty("email").GetString() == memberEmail).GetProperty("userId").GetGuid();
            await owner.PutAsync($"api/v1/items/{assigned}", new { title = "Check the die clamp", type = "Story", assigneeId = memberId });
            await owner.PostAsync($"api/v1/items/{mentioned}/comments", new { body = $"<@{memberId:D}> can you update it before Thursday?" });

            await member.ReloadAsync();
            await Ui.WaitUntilInteractiveAsync(member);
            await Expect(member.GetByTestId("notification-bell")).ToHaveAttributeAsync("data-unread", "2");
            await Expect(member.GetByTestId("notification-bell-badge")).ToContainTextAsync("2");

            await member.GotoAsync("notifications");
            await Ui.WaitUntilInteractiveAsync(member);
            var notices = member.GetByTestId("notification");
            await Expect(notices).ToHaveCountAsync(2);
            await Expect(member.GetByTestId("notifications-count")).ToContainTextAsync("2 unread");
            var mention = notices.Filter(new() { HasText = "Olivia Owner mentioned you on \"Changeover checklist\"" });
            var assignment = notices.Filter(new() { HasText = "Olivia Owner assigned you \"Check the die clamp\"" });
            await Expect(mention).ToHaveAttributeAsync("data-read", "false");
            await Expect(assignment).ToHaveAttributeAsync("data-read", "false");

            // Following the mention's link opens the item and marks the notice read.
            await mention.GetByTestId("notification-link").ClickAsync();
            await Expect(member).ToHaveURLAsync(new Regex($"/backlogs/items/{mentioned:D}$"));
            await Expect(member.GetByTestId("item-title")).ToHaveTextAsync("Changeover checklist");

            await member.GotoAsync("notifications");
            await Ui.WaitUntilInteractiveAsync(member);
            await Expect(mention).ToHaveAttributeAsync("data-read", "true");
            await Expect(member.GetByTestId("notifications-count")).ToContainTextAsync("1 unread");
            await Expect(member.GetByTestId("notification-bell")).ToHaveAttributeAsync("data-unread", "1");

            // Marking the other one read leaves nothing unread, on the page and on the inbox icon.
            await assignment.GetByTestId("notification-toggle-read").ClickAsync();
            await Expect(assignment).ToHaveAttributeAsync("data-read", "true");
            await Expect(member.GetByTestId("notifications-count")).ToContainTextAsync("0 unread");
            await member.ReloadAsync();
            await Expect(member.GetByTestId("notification-bell")).ToHaveAttributeAsync("data-unread", "0");
            await Expect(member.GetByTestId("notification-bell-badge").Locator(".mud-badge")).ToBeHiddenAsync();
        });
    }
}
