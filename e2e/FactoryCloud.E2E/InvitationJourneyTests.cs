using FactoryCloud.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactoryCloud.E2E;

/// <summary>The product issue's journey: an Owner invites a TeamMember, who joins from the link in another browser.</summary>
public sealed class InvitationJourneyTests(E2EHost host)
{
    [Fact]
    public async Task OwnerInvitesTeamMemberWhoJoinsFromTheLinkAndAppearsInTheMembersList()
    {
        var suffix = Ui.UniqueSuffix();
        var organisation = $"Acme Works {suffix}";
        var ownerEmail = $"owner-{suffix}@example.test";
        var inviteeEmail = $"tessa-{suffix}@example.test";
        const string inviteeName = "Tessa Teammate";

        await using var session = new BrowserSession(host);
        await session.RunAsync(async () =>
        {
            var owner = await session.OpenAsync("owner");
            await Ui.SignUpAsync(owner, organisation, "Olivia Owner", ownerEmail);

            await Ui.SignOutAsync(owner);
            await Ui.SignInAsync(owner, ownerEmail);
            await Ui.ExpectHomeOfAsync(owner, organisation);

            var link = await InviteAsync(owner, inviteeEmail, "TeamMember");
            Assert.StartsWith(session.BaseAddress + "invitations/", link, StringComparison.Ordinal);

            // A second, anonymous browser: the invitee has no account yet.
            var invitee = await session.OpenAsync("invitee");
            await invitee.GotoAsync(link);
            await Expect(invitee.GetByTestId("invitation-title")).ToHaveTextAsync($"Join {organisation}");
            await invitee.Locator("#name").FillAsync(inviteeName);
            await invitee.Locator("#password").FillAsync(Ui.Password);
            await invitee.GetByRole(AriaRole.Button, new() { Name = "Create account and join" }).ClickAsync();
            await Ui.ExpectHomeOfAsync(invitee, organisation);

            // Back in the Owner's browser: the new member is listed with the invited role.
            await Expect(owner).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/settings/members$"));
            await owner.ReloadAsync();
            var row = owner.GetByTestId("members-table").Locator("tbody tr.mud-table-row").Filter(new() { HasText = inviteeEmail });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.Locator("td[data-label='Name']")).ToHaveTextAsync(inviteeName);
            await Expect(row.Locator("td[data-label='Role']")).ToContainTextAsync("TeamMember");
            await Expect(owner.GetByTestId("members-table").Locator("tbody tr.mud-table-row")).ToHaveCountAsync(2);
        });
    }

    /// <summary>Invites through the members page and returns the link shown for sharing.</summary>
    private static async Task<string> InviteAsync(IPage page, string email, string role)
    {
        await page.GotoAsync("settings/members");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Members", Level = 1 })).ToBeVisibleAsync();

        // Opening the role list proves the circuit is connected, so the form below is live before anything is typed.
        var roleSelect = page.GetByTestId("invite-role");
        var option = page.GetByRole(AriaRole.Option, new() { Name = role, Exact = true });
        await Ui.ClickUntilVisibleAsync(roleSelect, option);
        await option.ClickAsync();
        await Expect(option).ToBeHiddenAsync();
        await Expect(roleSelect).ToHaveTextAsync(role);

        var emailInput = page.GetByTestId("invite-email");
        await emailInput.FillAsync(email);
        await emailInput.PressAsync("Tab");
        await page.GetByTestId("invite-submit").ClickAsync();

        var linkInput = page.GetByTestId("invite-link");
        await Expect(linkInput).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/invitations/[A-Za-z0-9_-]+$"));
        await Expect(page.GetByTestId("invitations-table")).ToContainTextAsync(email);
        return await linkInput.InputValueAsync();
    }
}
