using FactoryCloud.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace FactoryCloud.E2E;

/// <summary>
/// A plant manager watches the plant overview while a machine reports its state over MQTT, then zooms into the
/// machine's state timeline by dragging across it and turns the downtime reason into a work item.
/// </summary>
public sealed class DashboardJourneyTests(E2EHost host)
{
    [Fact]
    public async Task AMachineTileTurnsRedWhenTheMachineReportsItIsDown()
    {
        var suffix = Ui.UniqueSuffix();
        var email = $"petra-{suffix}@example.test";
        await using var session = new BrowserSession(host);
        await session.RunAsync(async () =>
        {
            var page = await session.OpenAsync("plant manager");
            await Ui.SignUpAsync(page, $"Tile Works {suffix}", "Petra", email);

            // The plant and a device's credentials through the REST API, as an integrator would.
            using var api = await FactoryApi.SignInAsync(host.App.BaseAddress, email);
            var plant = await api.CreatePlantAsync("plant-1", "Plant 1");
            var machine = plant.Machine;
            await using var device = await MachineDevice.ConnectAsync(host.App.MqttPort, plant.Credentials);
            // Backdated so the jam (5 min) is a breakdown, longer than the 2 min small-stop threshold, and tops the Pareto.
            await device.PublishStateAsync(DateTime.UtcNow.AddMinutes(-10), "running");

            await page.GotoAsync("dashboards");
            var tile = page.GetByTestId("machine-tile");
            await Expect(tile).ToHaveAttributeAsync("data-state", "Running");
            await Expect(tile).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex("background:#2e7d32"));
            // The prerendered page shows the tile before the circuit subscribes to live updates: wait for the circuit.
            await Ui.WaitUntilInteractiveAsync(page);

            await device.PublishStateAsync(DateTime.UtcNow.AddMinutes(-5), "down", "jam");

            // Pushed to the open page (no reload), well before the 15 s fallback refresh.
            await Expect(tile).ToHaveAttributeAsync("data-state", "Down", new() { Timeout = 8_000 });
            await Expect(tile).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex("background:#c62828"));

            // The machine's state timeline over the last 7 days, zoomed by dragging across the band: the KPIs follow.
            await page.GotoAsync($"dashboards/machines/{machine}");
            await Ui.WaitUntilInteractiveAsync(page);
            await page.GetByTestId("range-Last7Days").ClickAsync();
            var window = page.GetByTestId("dashboard-window");
            await Expect(window).ToContainTextAsync("Last 7 days");
            await DragAcrossAsync(page, page.GetByTestId("timeline-drag"), from: 0.2f, to: 0.7f);
            await Expect(window).ToContainTextAsync("Zoomed into the timeline");
            await Expect(page.GetByTestId("zoom-reset")).ToBeEnabledAsync();
            await page.GetByTestId("zoom-reset").ClickAsync();
            await Expect(window).ToContainTextAsync("Last 7 days");

            // The jam in the downtime Pareto becomes a work item in the (only) product, linked to the machine.
            var product = await api.CreateAsync("api/v1/products", new { name = "Press uptime" });
            await page.GetByTestId("pareto-row").Filter(new() { HasText = "jam" }).GetByTestId("pareto-create-work-item").ClickAsync();
            await Expect(page.GetByTestId("downtime-title")).ToHaveValueAsync("Reduce jam downtime on Press 1");
            await page.GetByTestId("downtime-create").ClickAsync();
            await Expect(page.GetByText("Work item \"Reduce jam downtime on Press 1\" created.")).ToBeVisibleAsync();
            var backlog = await api.GetAsync($"api/v1/products/{product}/backlog");
            var row = backlog.GetProperty("rows").EnumerateArray().Single();
            var item = await api.GetAsync($"api/v1/items/{row.GetProperty("id").GetGuid()}");
            var link = item.GetProperty("links").EnumerateArray().Single();
            Assert.Equal(("machine", machine.ToString()), (link.GetProperty("kind").GetString(), link.GetProperty("targetId").GetString()));
        });
    }

    /// <summary>Presses the mouse at <paramref name="from"/> of the element's width and releases it at <paramref name="to"/>.</summary>
    private static async Task DragAcrossAsync(Microsoft.Playwright.IPage page, Microsoft.Playwright.ILocator element, float from, float to)
    {
        var box = await element.BoundingBoxAsync() ?? throw new InvalidOperationException("The element is not shown.");
        var y = box.Y + (box.Height / 2);
        await page.Mouse.MoveAsync(box.X + (box.Width * from), y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + (box.Width * to), y, new() { Steps = 5 });
        await page.Mouse.UpAsync();
    }
}
