using System.Net;

namespace FactoryCloud.Web.Features.Audit;

/// <summary>
/// Where the current request or Blazor circuit comes from, for the audit trail: the remote address of the connection
/// (forwarded headers are not trusted, so behind a proxy this is the proxy's address). Set per request by middleware
/// and, for a circuit, once when it starts, from the page request that opened it (<c>Routes</c>' parameter, which
/// travels in the server's protected component descriptor, so a browser cannot choose it).
/// </summary>
public sealed class ClientAddress
{
    public string? Value { get; private set; }

    public void Set(IPAddress? address) =>
        Value = address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    public void Set(string? address)
    {
        if (IPAddress.TryParse(address, out var parsed)) Set(parsed);
    }
}
