using FactoryCloud.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FactoryCloud.E2E;

/// <summary>
/// Issue #15's shop-floor journey at 390×844: a plant manager joins from an invitation link on a phone, checks the
/// plant overview from the navigation drawer, follows the bell to the open alert and acknowledges it.
/// </summary>
public sealed class PhoneJourneyTests(E2EHost host)
{
    [Fact]
    public async Task APlantManagerJoinsOnAPhoneChecksTheOverviewAndAcknowledgesTheAlert()
    {
        var suffix = Ui.UniqueSuffix();
        var organisation = $"Shop Floor {suffix}";
        using var api = await FactoryApi.SignUpAsync(host.App.BaseAddress, organisation, "Olivia Owner", $"owner-{suffix}@example.test");
        var plant = await api.CreatePlantAsync("floor", "Floor Plant");
        await api.PostAsync("api/v1/alert-rules", new { name = "Press down", kind = "MachineDown", scopeKind = "Site", scopeId = plant.Site, durationMinutes = 1, enabled = true });
        await using var device = await MachineDevice.ConnectAsync(host.App.MqttPort, plant.Credentials);
        await device.PublishStateAsync(DateTime.UtcNow.AddMinutes(-10), "down", "jam");
        var link = await api.InviteAsync($"pete-{suffix}@example.test", "PlantManager");

        await using var session = new BrowserSession(host);
        await session.RunAsync(async () =>
        {
            var phone = await session.OpenAsync("plant manager", TestScreen.Phone);
            await phone.GotoAsync(link);
            await phone.Locator("#name").FillAsync("Pete Plant");
            await phone.Locator("#password").FillAsync(Ui.Password);
            await phone.GetByRole(AriaRole.Button, new() { Name = "Create account and join" }).ClickAsync();
            await Ui.ExpectHomeOfAsync(phone, organisation);

            // The overview, reached from the drawer: the machine is down, and the page fits the phone.
            var dashboards = phone.GetByRole(AriaRole.Link, new() { Name = "Dashboards", Exact = true });
            await Ui.OpenDrawerAsync(phone, dashboards);
            await dashboards.ClickAsync();
            await Expect(phone.GetByTestId("machine-tile")).ToHaveAttributeAsync("data-state", "Down");
            await PageChecks.SettleAsync(phone);
            Assert.Null(await PageChecks.SidewaysOverflowAsync(phone, TestScreen.Phone.Width));

            // The bell counts the open alert; it leads to the alerts, where the alert is acknowledged.
            var bell = phone.GetByTestId("alert-bell");
            await Expect(bell).ToHaveAttributeAsync("data-open-count", "1");
            await bell.ClickAsync();
            await Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/alerts$"));
            await Ui.WaitUntilInteractiveAsync(phone);
            await Expect(phone.GetByTestId("alert-detail")).ToContainTextAsync("jam");
            await phone.GetByTestId("alert-acknowledge").ClickAsync();
            await Expect(phone.GetByTestId("alerts-empty")).ToBeVisibleAsync();
            await Expect(bell).ToHaveAttributeAsync("data-open-count", "0");
            Assert.Null(await PageChecks.SidewaysOverflowAsync(phone, TestScreen.Phone.Width));

            await phone.GetByRole(AriaRole.Tab, new() { Name = "Acknowledged" }).ClickAsync();
            await Expect(phone.GetByTestId("alert-acknowledged")).ToContainTextAsync("pete", new() { IgnoreCase = true });
        });
    }
}
