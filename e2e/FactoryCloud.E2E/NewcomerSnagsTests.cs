using System.Text.RegularExpressions;
using FactoryCloud.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactoryCloud.E2E;

/// <summary>
/// Issue #15's dead ends and snags, walked in Chromium at 1440×900 and at 390×844 (the bUnit tests check the same
/// components alone): an unknown address shows a page with a way back, not a problem-details body; the chosen time range
/// is marked; and the site dialog takes typed 24-hour shift times, shows why a window is refused, and saves once the
/// window is fixed (it used to stay stuck on the error); device credentials are listed and can be rotated, and the
/// dialog shows copy buttons and the broker's real port.
/// </summary>
public sealed partial class NewcomerSnagsTests(E2EHost host)
{
    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task UnknownAddressesTheChosenRangeAndTheSiteDialogWorkAtThisSize(string screen)
    {
        var size = TestScreen.Named(screen);
        var tour = await Tour.OfAsync(host);

        await using var session = new BrowserSession(host);
        await session.RunAsync(async () =>
        {
            var page = await session.OpenAsync("owner", size);
            await Ui.SignInAsync(page, tour.OwnerEmail);
            await Expect(page).ToHaveURLAsync(Ui.HomeUrl());

            // The wizard's old link and any unknown address: a page for people with a way home.
            foreach (var address in (string[])["ingestion", "no-such-page"])
            {
                var response = await page.GotoAsync(address);
                Assert.StartsWith("text/html", response!.Headers["content-type"], StringComparison.Ordinal);
                await Expect(page.Locator("body")).Not.ToContainTextAsync("\"status\":");
                await Expect(page.GetByTestId("error-title")).ToHaveTextAsync("Page not found");
                await Expect(page.GetByRole(AriaRole.Link).Filter(new() { HasTextRegex = HomeLink() }).First).ToBeVisibleAsync();
            }

            // The chosen time range is marked (pressed), the others are not.
            await page.GotoAsync(tour.Pages.Single(p => p.Name == "machine-dashboard").Path);
            await PageChecks.SettleAsync(page);
            var today = page.GetByRole(AriaRole.Button, new() { Name = "Today", Exact = true });
            await Expect(today).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yesterday", Exact = true })).ToHaveAttributeAsync("aria-pressed", "false");

            // Add site: nothing is called missing before it is typed, the key follows the name, times are typed.
            await page.GotoAsync("plants");
            await PageChecks.SettleAsync(page);
            var form = page.Locator("#asset-form");
            await Ui.ClickUntilVisibleAsync(page.GetByTestId("add-site"), form);
            await Expect(form).Not.ToContainTextAsync("Enter a name.");
            var suffix = Ui.UniqueSuffix();
            await form.GetByLabel("Name").FillAsync($"Plant South {suffix}");
            await form.GetByLabel("Name").PressAsync("Tab");
            await Expect(form.GetByLabel("Key")).ToHaveValueAsync($"plant-south-{suffix}");
            await page.GetByTestId("add-shift").ClickAsync();
            var times = page.GetByTestId("shift-row").GetByPlaceholder("hh:mm");
            await times.Nth(0).FillAsync("06:00");
            await times.Nth(0).PressAsync("Tab");
            await times.Nth(1).FillAsync("06:00");
            await times.Nth(1).PressAsync("Tab");
            await page.GetByTestId("asset-save").ClickAsync();
            await Expect(page.GetByTestId("asset-shifts-error")).ToContainTextAsync("must not start and end at the same time");

            await times.Nth(1).FillAsync("14:30");
            await times.Nth(1).PressAsync("Tab");
            await Expect(times.Nth(1)).ToHaveValueAsync("14:30");
            await page.GetByTestId("asset-save").ClickAsync();
            await Expect(form).ToBeHiddenAsync();
            await Expect(page.GetByText($"Plant South {suffix}").First).ToBeVisibleAsync();
            if (await PageChecks.SidewaysOverflowAsync(page, size.Width) is { } overflow) Assert.Fail($"plants: scrolls sideways: {overflow}");

            // Device credentials are listed with rotate and revoke; rotating shows the new password once, with copy
            // buttons and the port the broker really listens on (not a default 1883).
            var device = page.GetByTestId("device-row").First;
            await Expect(device.GetByTestId("device-status")).ToContainTextAsync("Active");
            await Expect(device.GetByTestId("device-revoke")).ToBeVisibleAsync();
            await device.GetByTestId("device-rotate").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Rotate", Exact = true }).ClickAsync();
            await Expect(page.GetByTestId("cred-port")).ToHaveTextAsync(host.App.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy password" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
            await Expect(device).ToContainTextAsync("(rotated)");
        });
    }

    [GeneratedRegex("home|back|dashboard", RegexOptions.IgnoreCase)]
    private static partial Regex HomeLink();
}
