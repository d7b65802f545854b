using System.Text.Json;
using System.Text.RegularExpressions;
using FactoryCloud.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactoryCloud.E2E;

/// <summary>
/// Issue #16's business owner, on a laptop and on a phone: from the home page to the program view, where each site
/// shows its maturity stage now and its target; from there to a gap of the site's assessment, which becomes backlog
/// work; then the gap's expected value in money against its effort, and the new epic back on the program view. The
/// plant (cost rates, a press that ran and then jammed, an approved assessment with two gaps) is set up through the
/// API and MQTT, so the browser time goes to what the business owner does. Every page of the journey must fit the
/// screen and pass axe-core (no serious or critical violation).
/// </summary>
public sealed partial class ProgramJourneyTests(E2EHost host)
{
    private static readonly string[] Dimensions =
        ["strategy", "culture", "skills", "connectivity", "data", "analytics", "cybersecurity", "automation", "digital-twin", "energy"];

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task ABusinessOwnerGoesFromTheProgramToAGapTurnsItIntoWorkAndSeesItsValueAgainstItsEffort(string screenName)
    {
        var screen = TestScreen.Named(screenName);
        var suffix = Ui.UniqueSuffix();
        var email = $"owner-{suffix}@example.test";
        var product = $"Connected plant {suffix}";
        var organisation = $"Program Works {suffix}";
        using var api = await FactoryApi.SignUpAsync(host.App.BaseAddress, organisation, "Bea Business", email);
        var plant = await api.CreatePlantAsync("north", "Plant North");
        await api.PutAsync($"api/v1/sites/{plant.Site}/cost-rates", new { currency = "EUR", downtimePerHour = 1000m, scrapPerUnit = 5m, energyPerKwh = 0.2m });
        await using (var device = await MachineDevice.ConnectAsync(host.App.MqttPort, plant.Credentials))
        {
            var start = DateTime.UtcNow.AddHours(-3);
            await device.PublishStateAsync(start, "running");
            for (var minute = 10; minute <= 130; minute += 30) await device.PublishCountAsync(start.AddMinutes(minute), good: 900, scrap: 12);
            await device.PublishStateAsync(DateTime.UtcNow.AddMinutes(-40), "down", "jam");
        }
        // A colleague invited: with the team, product and assessment below, the getting-started checklist is complete.
        await api.PostAsync("api/v1/invitations", new { email = $"colleague-{suffix}@example.test", role = "Viewer" });
        var team = await api.CreateAsync("api/v1/teams", new { name = "Plant squad" });
        await api.CreateAsync("api/v1/products", new { name = product, teamId = team });
        // Plant North assessed and approved: connectivity (2 → 4) and data (3 → 4) are its gaps.
        var assessment = await api.CreateAsync("api/v1/maturity/assessments", new { title = "North 2026", siteId = plant.Site });
        for (var i = 0; i < Dimensions.Length; i++)
        {
            var stage = Dimensions[i] switch { "connectivity" => 2, "data" => 3, _ => 3 };
            await api.PutAsync($"api/v1/maturity/assessments/{assessment}/answers/{Dimensions[i]}",
                new { stage, targetStage = Dimensions[i] is "connectivity" or "data" ? 4 : 3 });
        }
        await api.PostAsync($"api/v1/maturity/assessments/{assessment}/status", new { status = "Submitted" });
        await api.PostAsync($"api/v1/maturity/assessments/{assessment}/status", new { status = "Approved" });
        await WaitUntilValuedAsync(api, assessment, "connectivity");

        await using var session = new BrowserSession(host);
        await session.RunAsync(async () =>
        {
            var owner = await session.OpenAsync("business owner", screen);
            await Ui.SignInAsync(owner, email);
            await Ui.ExpectHomeOfAsync(owner, organisation);
            await Ui.WaitUntilInteractiveAsync(owner);

            // From the home page to the program view (on a phone through the navigation drawer).
            var program = owner.GetByRole(AriaRole.Link, new() { Name = "Program", Exact = true });
            if (screen == TestScreen.Phone) await Ui.OpenDrawerAsync(owner, program);
            await program.ClickAsync();
            await Expect(owner).ToHaveURLAsync(new Regex("/program$"));
            var site = owner.GetByTestId($"program-site-{plant.Site}");
            // The overall stage now and the overall target (weighted over the dimensions), and the gaps still open.
            await Expect(site.GetByTestId("site-stage")).ToContainTextAsync(new Regex(@"Now 2 Developing \([\d.]+\) · target 3 Established \([\d.]+\) · 2 open gap\(s\)"));
            await Expect(site.GetByTestId("next-assessment")).ToContainTextAsync("Next re-assessment");
            await CheckPageAsync(owner, screen);

            // Open the site's assessment and turn the connectivity gap into an epic of the product.
            await Ui.WaitUntilInteractiveAsync(owner);
            await site.GetByRole(AriaRole.Link, new() { Name = "North 2026" }).ClickAsync();
            await Expect(owner).ToHaveURLAsync(new Regex($"/maturity/assessments/{assessment}/results$"));
            await Ui.WaitUntilInteractiveAsync(owner);
            await Expect(owner.Locator("input[data-testid=gap-choice], [data-testid=gap-choice] input[type=checkbox]")).ToHaveCountAsync(2);
            var connectivity = owner.GetByRole(AriaRole.Checkbox, new() { Name = "Connectivity and IIoT: 2 Developing → 4 Advanced" });
            await connectivity.ClickAsync();
            await Expect(connectivity).ToBeCheckedAsync();
            // The organisation's only product is chosen already, as a person finds it: nothing to pick.
            await Ui.ExpectChosenAsync(owner.GetByTestId("gap-product"), product);
            await owner.GetByTestId("gap-create").ClickAsync();
            await Expect(owner.GetByTestId("gap-message")).ToContainTextAsync("1 epic(s) created");
            await Expect(owner.GetByTestId("gap-new")).ToHaveCountAsync(1);

            // Value against effort: the gap is worth money per month; its new epic carries no estimate yet.
            await owner.ReloadAsync();
            var row = owner.GetByTestId("value-effort-list").Locator("tr[data-dimension=connectivity]");
            await Expect(row).ToContainTextAsync(new Regex(@"\d[\d,]* EUR"));
            await Expect(row.GetByTestId("value-effort-quadrant")).ToHaveTextAsync("Not estimated");
            await Expect(owner.GetByTestId("not-estimated-lane").Locator(".not-estimated-gap[data-dimension=connectivity]")).ToContainTextAsync("1 epic(s)");
            await CheckPageAsync(owner, screen);

            // Back on the program view, the epic closes the site's gap.
            await owner.GotoAsync("program");
            var epics = owner.GetByTestId($"program-site-{plant.Site}").GetByTestId("site-epics");
            await Expect(epics).ToContainTextAsync("Raise Connectivity and IIoT from 2 Developing to 4 Advanced");
            await Expect(epics).ToContainTextAsync(product);
            await CheckPageAsync(owner, screen);

            // One click makes the program the business owner's start page: the app's address (where sign-in lands)
            // opens it from then on, and the navigation's Home link still opens Home.
            await Ui.WaitUntilInteractiveAsync(owner);
            await owner.GetByTestId("make-start-page").ClickAsync();
            await Expect(owner.GetByTestId("is-start-page")).ToBeVisibleAsync();
            await owner.GotoAsync("");
            await Expect(owner).ToHaveURLAsync(new Regex("/program$"));
            await Expect(owner.GetByTestId($"program-site-{plant.Site}")).ToBeVisibleAsync();
            await Ui.WaitUntilInteractiveAsync(owner);
            var home = owner.GetByRole(AriaRole.Link, new() { Name = "Home", Exact = true });
            if (screen == TestScreen.Phone) await Ui.OpenDrawerAsync(owner, home);
            await home.ClickAsync();
            await Expect(owner).ToHaveURLAsync(new Regex(@"/\?home=1$"));
            await Expect(owner.GetByTestId("what-matters-now")).ToBeVisibleAsync();
        });
    }

    /// <summary>The journey's page, once settled, fits the screen and has no serious or critical accessibility violation.</summary>
    private static async Task CheckPageAsync(IPage page, TestScreen screen)
    {
        await PageChecks.SettleAsync(page);
        Assert.Null(await PageChecks.SidewaysOverflowAsync(page, screen.Width));
        Assert.Null(await PageChecks.SeriousAccessibilityViolationsAsync(page));
    }

    /// <summary>
    /// Waits (at most 30 s) until the MQTT messages are stored and the gap is valued: ingestion is asynchronous, and the
    /// journey is about what the business owner sees once the plant's losses are known.
    /// </summary>
    private static async Task WaitUntilValuedAsync(FactoryApi api, Guid assessment, string dimension)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement gap;
        do
        {
            gap = (await api.GetAsync($"api/v1/maturity/assessments/{assessment}/value-effort")).GetProperty("gaps").EnumerateArray()
                .Single(g => g.GetProperty("dimensionKey").GetString() == dimension);
            if (gap.GetProperty("expectedPerMonth").ValueKind == JsonValueKind.Number) return;
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"The {dimension} gap was not valued within 30 s: {gap.GetProperty("valueExplanation").GetString()}");
    }
}
