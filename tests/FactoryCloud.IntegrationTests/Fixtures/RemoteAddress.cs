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

    public static void Simulate(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, Filter>());

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
