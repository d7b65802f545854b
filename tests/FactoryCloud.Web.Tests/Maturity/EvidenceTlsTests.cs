using FactoryCloud.Infrastructure.Mqtt;
using FactoryCloud.Web.Features.Maturity.Evidence;
using FactoryCloud.Web.Features.Plants;

namespace FactoryCloud.Web.Tests.Maturity;

/// <summary>The cybersecurity evidence's "MQTT over TLS": whether devices reach the broker with TLS, in every way the product is run.</summary>
public sealed class EvidenceTlsTests
{
    [Theory]
    [InlineData(MqttMode.BuiltIn, "/certs/broker.pfx", null, false, true)] // the embedded broker with a certificate
    [InlineData(MqttMode.BuiltIn, null, null, false, false)] // the embedded broker, plain only
    [InlineData(MqttMode.None, null, true, false, true)] // the web app beside an MQTT ingress that serves TLS (Azure)
    [InlineData(MqttMode.None, null, null, false, false)] // a web app that says nothing of TLS
    [InlineData(MqttMode.None, null, false, false, false)]
    [InlineData(MqttMode.External, null, null, true, true)] // an external broker reached with TLS
    [InlineData(MqttMode.External, "/certs/broker.pfx", true, false, false)] // the external broker decides, not the unused built-in settings
    public void TlsIsInUseWhenDevicesConnectWithIt(MqttMode mode, string? certificate, bool? publicTls, bool externalTls, bool expected)
    {
        var broker = new BuiltInBrokerOptions { Mode = mode };
        broker.Tls.CertificatePath = certificate;
        var connection = new MqttConnectionOptions { PublicTls = publicTls, Tls = { CertificatePath = certificate } };

        Assert.Equal(expected, EvidenceFactGatherer.TlsInUse(broker, connection, new ExternalBrokerOptions { UseTls = externalTls }));
    }
}
