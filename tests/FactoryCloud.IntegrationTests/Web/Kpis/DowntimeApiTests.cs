using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using FactoryCloud.IntegrationTests.Web.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Kpis;

public sealed class DowntimeApiTests(DatabaseServers servers) : TenancyApiTestBase(servers)
{
    private static readonly DateTimeOffset H = new(2026, 1, 6, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DowntimeIsAParetoByReasonWithEpisodesAndCumulativeShare()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner); // H is a Tuesday, outside the Monday shift
        var device = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        await StoreAsync([
            device.State(H, MachineState.Running),
            device.State(H.AddMinutes(5), MachineState.Down, "motor_fault"),
            device.State(H.AddMinutes(25), MachineState.Running),
            device.State(H.AddMinutes(30), MachineState.Down, "jam"),
            device.State(H.AddMinutes(35), MachineState.Running),
            device.State(H.AddMinutes(40), MachineState.Down, "jam"),
            device.State(H.AddMinutes(45), MachineState.Running),
            device.State(H.AddMinutes(70), MachineState.Running),
        ]);

        var pareto = await GetDowntimeAsync(owner, "machines", plant.Machine, H, H.AddHours(2));

        Assert.Equal(["motor_fault", "jam"], pareto.Select(e => e.GetProperty("reason").GetString()));
        Assert.Equal([1200.0, 600.0], pareto.Select(e => e.GetProperty("seconds").GetDouble()));
        Assert.Equal([1L, 2L], pareto.Select(e => e.GetProperty("episodes").GetInt64()));
        Assert.Equal(1.0, pareto[^1].GetProperty("cumulativeShare").GetDouble(), 1e-9);
    }

    [Fact]
    public async Task AMachineDownNowCountsItsOpenDowntime()
    {
        var owner = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(owner);
        await plant.WithoutShiftCalendarAsync(owner);
        var device = new TelemetryTestDevice(owner.TenantId, plant.Machine);
        var since = DateTimeOffset.UtcNow.AddMinutes(-10);
        await StoreAsync([device.State(since, MachineState.Down, "sensor_fault")]);

        var pareto = await GetDowntimeAsync(owner, "machines", plant.Machine, since.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));

        var entry = Assert.Single(pareto);
        Assert.Equal("sensor_fault", entry.GetProperty("reason").GetString());
        Assert.InRange(entry.GetProperty("seconds").GetDouble(), 590, 700);
    }

    [Fact]
    public async Task TenantBGetsNotFoundForTenantAMachineDowntime()
    {
        var a = await ApiSession.SignUpAsync(App);
        var b = await ApiSession.SignUpAsync(App);
        var plant = await TestPlant.CreateAsync(a);

        var response = await b.Client.GetAsync(Url("machines", plant.Machine, H, H.AddHours(1)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task StoreAsync(IReadOnlyList<AcceptedTelemetry> messages) =>
        await App.Services.GetRequiredService<ITelemetryStore>().StoreAsync(messages, TestContext.Current.CancellationToken);

    private static string Url(string level, Guid id, DateTimeOffset from, DateTimeOffset to) =>
        $"/api/v1/{level}/{id}/downtime?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}";

    private static async Task<JsonElement[]> GetDowntimeAsync(ApiSession session, string level, Guid id, DateTimeOffset from, DateTimeOffset to)
    {
        var response = await session.Client.GetAsync(Url(level, id, from, to), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<JsonElement[]>(body)!;
    }
}
