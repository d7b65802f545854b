using FactoryCloud.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactoryCloud.E2E;

/// <summary>
/// Issue #15's proof (and issue #16's program and value pages), at 1440×900 and at 390×844: every page of the three journeys (plants and dashboards, backlogs,
/// maturity; see <see cref="Tour"/>) fits the screen's width (no sideways scroll of the page; the board scrolls
/// inside itself), axe-core finds no serious or critical violation on it, and sign-out can be reached. With
/// <c>FC_SCREENSHOTS</c> set to a directory the same walk saves each page there (<c>e2e/screenshots.sh</c>).
/// </summary>
public sealed class JourneyPagesTests(E2EHost host)
{
    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task EveryJourneyPageFitsTheScreenPassesTheAccessibilityCheckAndSignOutCanBeReached(string screen)
    {
        var size = TestScreen.Named(screen);
        var tour = await Tour.OfAsync(host);
        var screenshots = Environment.GetEnvironmentVariable("FC_SCREENSHOTS");
        var problems = new List<string>();

        await using var session = new BrowserSession(host);
        await session.RunAsync(async () =>
        {
            foreach (var person in (TourPerson[])[TourPerson.Newcomer, TourPerson.Owner])
            {
                var page = await session.OpenAsync(person.ToString().ToLowerInvariant(), size);
                await Ui.SignInAsync(page, person == TourPerson.Owner ? tour.OwnerEmail : tour.NewcomerEmail);
                await Expect(page).ToHaveURLAsync(Ui.HomeUrl());
                foreach (var tourPage in tour.Pages.Where(p => p.Person == person))
                {
                    await page.GotoAsync(tourPage.Path);
                    await PageChecks.SettleAsync(page);
                    if (await PageChecks.SidewaysOverflowAsync(page, size.Width) is { } overflow) problems.Add($"{tourPage.Name}: scrolls sideways: {overflow}");
                    if (await PageChecks.SeriousAccessibilityViolationsAsync(page) is { } violations) problems.Add($"{tourPage.Name}: axe: {violations}");
                    if (screenshots is not null && tourPage.Screenshot)
                        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, $"{tourPage.Name}-{size.Name}.png") });
                }
                if (problems.Count > 0)
                    await File.WriteAllLinesAsync(Path.Combine(host.ArtifactsDirectory, $"journey-pages-{size.Name}.txt"), problems);
                await ExpectSignOutReachableAsync(page, size);
            }
            Assert.True(problems.Count == 0, $"{size}:\n" + string.Join("\n", problems));
        });
    }

    /// <summary>Sign-out sits within the screen in the user menu, and on a phone in the navigation drawer too.</summary>
    private static async Task ExpectSignOutReachableAsync(IPage page, TestScreen size)
    {
        var menu = page.GetByTestId("user-menu").First;
        var signOut = page.GetByTestId("sign-out");
        await Ui.ClickUntilVisibleAsync(menu, signOut);
        await ExpectWithinScreenAsync(signOut);
        if (size == TestScreen.Phone)
        {
            await page.Keyboard.PressAsync("Escape");
            if (await signOut.IsVisibleAsync()) await menu.ClickAsync(new() { Force = true });
            await Expect(signOut).ToBeHiddenAsync();
            var drawerSignOut = page.GetByTestId("drawer-sign-out");
            await Ui.OpenDrawerAsync(page, drawerSignOut);
            await drawerSignOut.ClickAsync();
        }
        else
        {
            await signOut.ClickAsync();
        }
        await Expect(page).ToHaveURLAsync(Ui.LoginUrl());
    }

    /// <summary>Wholly on the screen (waits for a drawer or menu to finish sliding in).</summary>
    private static async Task ExpectWithinScreenAsync(ILocator element) =>
        await Expect(element).ToBeInViewportAsync(new() { Ratio = 1 });
}
