using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FactoryCloud.E2E.Infrastructure;
using MQTTnet;
using MQTTnet.Protocol;
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
            using var api = new HttpClient { BaseAddress = host.App.BaseAddress };
            var login = await api.PostAsJsonAsync("api/v1/auth/login", new { email, password = Ui.Password });
            login.EnsureSuccessStatusCode();
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
            var site = await CreateAsync(api, "api/v1/sites", new { key = "plant-1", name = "Plant 1", timeZone = "UTC", shifts = Array.Empty<object>() });
            var area = await CreateAsync(api, $"api/v1/sites/{site}/areas", new { key = "assembly", name = "Assembly" });
            var line = await CreateAsync(api, $"api/v1/areas/{area}/lines", new { key = "line-1", name = "Line 1" });
            var machine = await CreateAsync(api, $"api/v1/lines/{line}/machines", new { key = "press-1", name = "Press 1", idealCycleTimeSeconds = 1.0 });
            var issued = await api.PostAsync($"api/v1/machines/{machine}/devices", null);
            issued.EnsureSuccessStatusCode();
            var credentials = await issued.Content.ReadFromJsonAsync<JsonElement>();

            using var device = new MqttClientFactory().CreateMqttClient();
            await device.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer("127.0.0.1", host.App.MqttPort)
                .WithClientId(credentials.GetProperty("clientId").GetString())
                .WithCredentials(credentials.GetProperty("username").GetString(), credentials.GetProperty("password").GetString())
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
                .Build());
            var prefix = credentials.GetProperty("topicPrefix").GetString()!; // fc/v1/{org}/plant-1/assembly/line-1/press-1/+
            var topic = prefix[..^1] + "state";
            // Backdated so the jam (5 min) is a breakdown, longer than the 2 min small-stop threshold, and tops the Pareto.
            await PublishStateAsync(device, topic, 1, DateTime.UtcNow.AddMinutes(-10), "running");

            await page.GotoAsync("dashboards");
            var tile = page.GetByTestId("machine-tile");
            await Expect(tile).ToHaveAttributeAsync("data-state", "Running");
            await Expect(tile).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex("background:#2e7d32"));
            // The prerendered page shows the tile before the circuit subscribes to live updates: wait for the circuit.
            await Ui.WaitUntilInteractiveAsync(page);

            await PublishStateAsync(device, topic, 2, DateTime.UtcNow.AddMinutes(-5), "down", "jam");

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
            var product = await CreateAsync(api, "api/v1/products", new { name = "Press uptime" });
            await page.GetByTestId("pareto-row").Filter(new() { HasText = "jam" }).GetByTestId("pareto-create-work-item").ClickAsync();
            await Expect(page.GetByTestId("downtime-title")).ToHaveValueAsync("Reduce jam downtime on Press 1");
            await page.GetByTestId("downtime-create").ClickAsync();
            await Expect(page.GetByText("Work item \"Reduce jam downtime on Press 1\" created.")).ToBeVisibleAsync();
            var backlog = await api.GetFromJsonAsync<JsonElement>($"api/v1/products/{product}/backlog");
            var row = backlog.GetProperty("rows").EnumerateArray().Single();
            var item = await api.GetFromJsonAsync<JsonElement>($"api/v1/items/{row.GetProperty("id").GetGuid()}");
            var link = item.GetProperty("links").EnumerateArray().Single();
            Assert.Equal(("machine", machine.ToString()), (link.GetProperty("kind").GetString(), link.GetProperty("targetId").GetString()));
            await device.DisconnectAsync();
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

    private static async Task<Guid> CreateAsync(HttpClient api, string url, object body)
    {
        var response = await api.PostAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task PublishStateAsync(IMqttClient device, string topic, int seq, DateTime at, string state, string? reason = null)
    {
        var ts = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var payload = $"{{\"ts\":\"{ts}\",\"seq\":{seq},\"state\":\"{state}\"{(reason is null ? "" : $",\"reason\":\"{reason}\"")}}}";
        var result = await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
    }
}
