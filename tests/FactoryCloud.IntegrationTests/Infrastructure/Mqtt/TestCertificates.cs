using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FactoryCloud.IntegrationTests.Infrastructure.Mqtt;

/// <summary>A CA made in the test and a server certificate it issued for localhost and 127.0.0.1, written to a temp folder.</summary>
public sealed class TestCertificates : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fc-tls-").FullName;

    public X509Certificate2 Ca { get; }

    /// <summary>The CA as PEM, for <c>mosquitto_pub --cafile</c>.</summary>
    public string CaPemPath => Path.Combine(_folder, "ca.pem");

    /// <summary>The server certificate and key as a PFX with <see cref="PfxPassword"/>.</summary>
    public string ServerPfxPath => Path.Combine(_folder, "server.pfx");

    /// <summary>The same as a PEM certificate and a separate PEM key.</summary>
    public string ServerPemPath => Path.Combine(_folder, "server.pem");
    public string ServerKeyPath => Path.Combine(_folder, "server.key");

    public const string PfxPassword = "test-pfx-password";

    public TestCertificates()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=FactoryCloud test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        Ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
        using var issued = request.Create(Ca, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(12));
        using var server = issued.CopyWithPrivateKey(serverKey);

        File.WriteAllText(CaPemPath, Ca.ExportCertificatePem());
        File.WriteAllBytes(ServerPfxPath, server.Export(X509ContentType.Pfx, PfxPassword));
        File.WriteAllText(ServerPemPath, server.ExportCertificatePem());
        File.WriteAllText(ServerKeyPath, serverKey.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        Ca.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
