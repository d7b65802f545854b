using System.Text.RegularExpressions;
using FactoryCloud.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactoryCloud.E2E;

/// <summary>
/// Issue #17's demo on first run, in the browser: the app started as the run command starts it (Development, the demo
/// on and streaming through the built-in broker) on a fresh database; the demo user signs in with the sign-in the log
/// prints and finds data at the start of each journey (the plant streaming, alert rules and past alerts; teams and
/// products; assessments of two sites; notices to look at), then resets the demo data from Settings → Demo data.
/// </summary>
public sealed class DemoJourneyTests(E2EHost host)
{
    private const string DemoEmail = "demo@factorycloud.local", DemoPassword = "Demo-Factory-2026";

    [Fact]
    public async Task TheDemoUserFindsDataInEachJourneyAndResetsTheDemoData()
    {
        var data = Directory.CreateTempSubdirectory("fc-e2e-demo-").FullName;
        try
        {
            await using var app = await AppServer.StartAsync(data, ["--Demo:Enabled", "true"]);
            // The log prints the sign-in once the demo content is seeded and the plant starts streaming.
            await WaitForLogAsync(app, "Demo organisation ready", TimeSpan.FromMinutes(3));
            await using var session = new BrowserSession(host, app);
            await session.RunAsync(async () =>
            {
                var page = await session.OpenAsync("demo user");
                await Ui.SignInAsync(page, DemoEmail, DemoPassword);
                await Ui.ExpectHomeOfAsync(page, "Demo Manufacturing");

                // Plant manager: six machines streaming, three alert rules, past alerts.
                await page.GotoAsync("dashboards");
                await Expect(page.GetByTestId("machine-tile")).ToHaveCountAsync(6, new() { Timeout = 60_000 });
                // Streaming: no machine is without data (the page refreshes live as their first states arrive).
                await Ui.WaitUntilInteractiveAsync(page);
                await Expect(page.Locator("[data-testid=machine-tile][data-state='No data']")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
                await page.GotoAsync("alerts/rules");
                await Expect(page.GetByTestId("rule-row")).ToHaveCountAsync(3);
                await page.GotoAsync("alerts");
                await Ui.WaitUntilInteractiveAsync(page);
                await page.GetByRole(AriaRole.Tab, new() { Name = "Closed" }).ClickAsync();
                await Expect(page.GetByTestId("alert-row").First).ToBeVisibleAsync();

                // Team: two products, and the teams behind them.
                await page.GotoAsync("backlogs");
                await Expect(page.GetByTestId("open-product")).ToHaveCountAsync(2);
                await page.GotoAsync("backlogs/teams");
                await Expect(page.GetByTestId("teams-table").Locator("tbody tr")).ToHaveCountAsync(2);

                // Business owner: an assessment of each site.
                await page.GotoAsync("maturity");
                await Expect(page.GetByTestId("assessment-link")).ToHaveCountAsync(2);

                // Notices to look at: the two seeded unread ones (assigned, mentioned), and more as the streaming plant's
                // alerts tell the demo user (an Owner, a recipient of the machine-down rule).
                await Ui.WaitUntilInteractiveAsync(page);
                await Expect(page.GetByTestId("notification-bell")).ToHaveAttributeAsync("data-unread", new Regex(@"^([2-9]|\d{2,})$"));
                await page.GotoAsync("notifications");
                await Expect(page.GetByTestId("notification").Filter(new() { HasText = "assigned you" })).ToHaveCountAsync(1);
                await Expect(page.GetByTestId("notification").Filter(new() { HasText = "mentioned you" })).ToHaveCountAsync(1);
                // No rule flaps on the plant's first minutes (an OEE rule judged a few minutes of data once raised and
                // cleared its alerts every few seconds, each time telling the Owners).
                await Expect(page.GetByTestId("notification").Filter(new() { HasText = "cleared (the condition ended)" })).ToHaveCountAsync(0);

                // Reset demo data (Owners of the demo organisation): confirmed, done, and the content is there again.
                await page.GotoAsync("settings/demo");
                await Ui.WaitUntilInteractiveAsync(page);
                var confirm = page.GetByRole(AriaRole.Button, new() { Name = "Reset", Exact = true });
                await Ui.ClickUntilVisibleAsync(page.GetByTestId("reset-demo"), confirm);
                await confirm.ClickAsync();
                await Expect(page.GetByText("The demo data was reset.")).ToBeVisibleAsync(new() { Timeout = 120_000 });
                await page.GotoAsync("backlogs");
                await Expect(page.GetByTestId("open-product")).ToHaveCountAsync(2);
                await Expect(page).ToHaveURLAsync(new Regex("/backlogs$"));
            });
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task WaitForLogAsync(AppServer app, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!(File.Exists(app.LogFile) && (await File.ReadAllTextAsync(app.LogFile)).Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The app's log never said \"{text}\":{Environment.NewLine}{app.LogTail()}");
            await Task.Delay(250);
        }
    }
}
