using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Fixtures;

/// <summary>
/// The in-memory test server has no network connection, so requests arrive with no remote address. This gives each
/// request the address a real connection from <see cref="Address"/> would have, first thing in the pipeline.
/// </summary>
public static class RemoteAddress
{
    /// <summary>From the documentation range (TEST-NET-3), so it cannot be mistaken for the loopback.</summary>
    public static readonly IPAddress Address = IPAddress.Parse("203.0.113.7");

    /// <summary>A request header naming the address its (simulated) connection comes from; see <see cref="SimulateFromHeader"/>.</summary>
    public const string Header = "X-Test-Remote-Address";

    public static void Simulate(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, Filter>());

    /// <summary>Each request comes from the address in its <see cref="Header"/> header (none without one), as a socket would set it.</summary>
    public static void SimulateFromHeader(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, HeaderFilter>());

    private sealed class HeaderFilter : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(nextMiddleware => context =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header], out var address)) context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(nextMiddleware => context =>
            {
                context.Connection.RemoteIpAddress = Address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
