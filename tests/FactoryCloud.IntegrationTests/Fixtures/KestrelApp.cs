using System.Net;
using FactoryCloud.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FactoryCloud.IntegrationTests.Fixtures;

/// <summary>
/// The app on a real Kestrel server on 127.0.0.1, for what the in-memory test server does not do: request body
/// limits, connection addresses, forwarded headers from a proxy.
/// </summary>
public static class KestrelApp
{
    public static async Task<(FactoryCloudApp App, Uri Address)> StartAsync(DatabaseServers servers, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new FactoryCloudApp(await servers.SharedAsync(DatabaseProvider.Postgres), settings);
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }

    /// <summary>A client of the server with no cookie handling and no redirects: the test sees every header.</summary>
    public static HttpClient Client(Uri address) =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };
}
