using System.Diagnostics;
using System.Net;
using FactoryCloud.Infrastructure.Devices;

namespace FactoryCloud.Infrastructure.Mqtt;

/// <summary>One TCP connection to the built-in broker: who it is once authenticated, and what it may still spend.</summary>
public sealed class ClientConnection(IPAddress address)
{
    public IPAddress Address { get; } = address;

    /// <summary>Set when the device authenticated (and counted against its tenant).</summary>
    public DeviceIdentity? Device { get; set; }

    public bool SpeaksMqtt5 { get; set; }

    private double _tokens = double.NaN;
    private long _lastRefill;
    private long _lastRefusalSecond = -1;
    private readonly Lock _lock = new();

    /// <summary>Token bucket of <paramref name="perSecond"/> messages a second with a one-second burst.</summary>
    public bool TryTakeMessage(int perSecond)
    {
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp();
            _tokens = double.IsNaN(_tokens) ? perSecond : Math.Min(perSecond, _tokens + Stopwatch.GetElapsedTime(_lastRefill, now).TotalSeconds * perSecond);
            _lastRefill = now;
            if (_tokens < 1) return false;
            _tokens--;
            return true;
        }
    }

    /// <summary>True once per second in which messages were refused: refusals over a rate are recorded once, not per message.</summary>
    public bool FirstRefusalThisSecond()
    {
        var second = Stopwatch.GetTimestamp() / Stopwatch.Frequency;
        return Interlocked.Exchange(ref _lastRefusalSecond, second) != second;
    }
}
