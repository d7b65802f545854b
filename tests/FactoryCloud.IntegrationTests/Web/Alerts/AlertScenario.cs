using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FactoryCloud.Domain.MachineHistory;
using FactoryCloud.Domain.Plants;
using FactoryCloud.Infrastructure.Telemetry.Store;
using FactoryCloud.IntegrationTests.Fixtures;
using FactoryCloud.IntegrationTests.Infrastructure.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Web.Alerts;

/// <summary>A tenant with a plant, a "down for 1 min" rule on its site, and telemetry stored through the app's own store.</summary>
public sealed record AlertScenario(FactoryCloudApp App, ApiSession Owner, TestPlant Plant, Guid RuleId, TelemetryTestDevice Device)
{
    public static async Task<AlertScenario> CreateAsync(FactoryCloudApp app)
    {
        var owner = await ApiSession.SignUpAsync(app);
        var plant = await TestPlant.CreateAsync(owner);
        var response = await owner.Client.PostAsJsonAsync("/api/v1/alert-rules", new
        {
            name = "Press down", kind = "MachineDown", scopeKind = "Site", scopeId = plant.Site, durationMinutes = 1,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var rule = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return new AlertScenario(app, owner, plant, rule, new TelemetryTestDevice(owner.TenantId, plant.Machine));
    }

    /// <summary>Stores as the processor would; the app's alert worker hears the commit.</summary>
    public Task StoreAsync(params AcceptedTelemetry[] messages) =>
        App.Services.GetRequiredService<ITelemetryStore>().StoreAsync(messages, TestContext.Current.CancellationToken);

    /// <summary>The machine went down (jam) three minutes ago, which raises the rule's alert.</summary>
    public async Task<JsonElement> RaiseAsync()
    {
        var now = DateTimeOffset.UtcNow;
        await StoreAsync(Device.State(now.AddMinutes(-10), MachineState.Running), Device.State(now.AddMinutes(-3), MachineState.Down, "jam"));
        return await WaitForAsync("open", alerts => alerts.Length == 1);
    }

    public async Task<JsonElement[]> ListAsync(string? status = null)
    {
        var response = await Owner.Client.GetAsync("/api/v1/alerts" + (status is null ? "" : $"?status={status}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
    }

    /// <summary>Polls the list with <paramref name="status"/> until <paramref name="done"/> holds (the worker runs beside the store).</summary>
    public async Task<JsonElement> WaitForAsync(string status, Func<JsonElement[], bool> done)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var alerts = await ListAsync(status);
            if (done(alerts)) return alerts.FirstOrDefault();
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"The {status} alerts did not reach the expected state within 10 s.");
    }
}
