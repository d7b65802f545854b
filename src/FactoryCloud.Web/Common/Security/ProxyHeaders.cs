using System.Net;
using FactoryCloud.Infrastructure.Configuration;
using Microsoft.AspNetCore.HttpOverrides;

namespace FactoryCloud.Web.Common.Security;

/// <summary>
/// Behind a TLS-terminating proxy: <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed from the proxies
/// in <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges) only,
/// so the client address (rate limits, audit trail) is the real client's, <c>Request.IsHttps</c> is true and the
/// sign-in cookie is marked Secure. Off unless one of them is set: nobody's forwarded headers are believed by default.
/// </summary>
public sealed class ProxySettings
{
    public const string Section = "ForwardedHeaders";

    public string[] KnownProxies { get; set; } = [];
    public string[] KnownNetworks { get; set; } = [];

    public bool Enabled => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    /// <summary>Throws <see cref="InvalidSettingException"/> for an address or range that does not parse.</summary>
    public void Validate()
    {
        foreach (var proxy in KnownProxies)
            if (!IPAddress.TryParse(proxy, out _))
                throw new InvalidSettingException($"{Section}:KnownProxies: '{proxy}' is not an IP address.");
        foreach (var network in KnownNetworks)
            if (!System.Net.IPNetwork.TryParse(network, out _))
                throw new InvalidSettingException($"{Section}:KnownNetworks: '{network}' is not a CIDR range such as 10.0.0.0/8.");
    }
}

public static class ProxyHeaders
{
    /// <summary>First in the pipeline, so everything after sees the client's address and scheme.</summary>
    public static WebApplication UseProxyHeaders(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProxySettings>>().Value;
        if (!settings.Enabled) return app;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in settings.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        app.UseForwardedHeaders(options);
        return app;
    }
}
