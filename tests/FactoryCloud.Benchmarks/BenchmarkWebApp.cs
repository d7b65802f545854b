using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.Benchmarks;

/// <summary>The real web app in-process (ASP.NET Core TestServer) on the benchmark's database, without MQTT. (Any type of the web assembly locates its entry point; this program has its own Program.)</summary>
internal sealed class BenchmarkWebApp(Dictionary<string, string?> settings) : WebApplicationFactory<FactoryCloud.Web.Features.Kpis.KpiService>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSolutionRelativeContentRoot("src/FactoryCloud.Web", "FactoryCloud.sln");
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.UseSetting("Mqtt:Mode", "None");
        builder.UseSetting("RateLimits:ApiPerClient:PermitLimit", "1000000"); // measured requests, not a flood
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Only the simulated circuits (CircuitMemory) render components here; there is no browser behind them.
        builder.ConfigureTestServices(s => s.AddScoped<Microsoft.JSInterop.IJSRuntime, NoBrowserJsRuntime>());
    }
}
