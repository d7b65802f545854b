using FactoryCloud.Web.Features.Plants;

namespace FactoryCloud.Web.Tests.Plants;

/// <summary>The port device credentials show: the one the built-in broker really listens on unless a public one is set.</summary>
public sealed class MqttConnectionOptionsTests
{
    [Fact]
    public void ThePortTheBrokerListensOnIsShownRatherThanTheDefault()
    {
        var options = new MqttConnectionOptions { Port = 0 };

        Assert.Equal(41883, options.PortShown(listeningPlainPort: 41883));
    }

    [Fact]
    public void WithTlsTheTlsPortIsShown()
    {
        var options = new MqttConnectionOptions { Port = 1883, Tls = { Port = 18883, CertificatePath = "/certs/broker.pfx" } };

        Assert.True(options.UsesTls);
        Assert.Equal(18883, options.PortShown());
        Assert.Equal(28883, options.PortShown(listeningPlainPort: 1883, listeningTlsPort: 28883));
    }

    [Fact]
    public void APublicPortWins()
    {
        var options = new MqttConnectionOptions { Port = 1883, PublicPort = 443 };

        Assert.Equal(443, options.PortShown(listeningPlainPort: 1883));
    }

    [Fact]
    public void WithoutABrokerInThisProcessTheConfiguredPortIsShown() =>
        Assert.Equal(11883, new MqttConnectionOptions { Port = 11883 }.PortShown());
}
