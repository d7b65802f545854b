using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using FactoryCloud.Infrastructure.Configuration;

namespace FactoryCloud.Infrastructure.Mqtt;

/// <summary>Loads the built-in broker's TLS certificate (with its private key and any intermediates) from a file or from Key Vault.</summary>
public static class BrokerCertificate
{
    public static async Task<X509Certificate2Collection> LoadAsync(BrokerTlsOptions tls, TokenCredential? credential, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(tls.KeyVaultSecretUri))
        {
            var id = new KeyVaultSecretIdentifier(new Uri(tls.KeyVaultSecretUri));
            var client = new SecretClient(id.VaultUri, credential ?? new DefaultAzureCredential());
            KeyVaultSecret secret = await client.GetSecretAsync(id.Name, id.Version, ct);
            // A Key Vault certificate's secret is its PFX (base64) or PEM (key and chain), by the certificate's content type.
            return secret.Properties.ContentType == "application/x-pem-file" ? FromPem(secret.Value, null) : FromPfx(Convert.FromBase64String(secret.Value), null);
        }

        var path = tls.CertificatePath!;
        if (!File.Exists(path)) throw new InvalidSettingException($"Mqtt:Tls:CertificatePath '{path}' does not exist.");
        if (!string.IsNullOrWhiteSpace(tls.KeyPath) && !File.Exists(tls.KeyPath))
            throw new InvalidSettingException($"Mqtt:Tls:KeyPath '{tls.KeyPath}' does not exist.");
        var bytes = await File.ReadAllBytesAsync(path, ct);
        var isPem = bytes.AsSpan().IndexOf("-----BEGIN"u8) >= 0;
        try
        {
            return isPem
                ? FromPem(System.Text.Encoding.ASCII.GetString(bytes) + (tls.KeyPath is { Length: > 0 } key ? "\n" + await File.ReadAllTextAsync(key, ct) : ""), tls.CertificatePassword)
                : FromPfx(bytes, tls.CertificatePassword);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidSettingException($"Mqtt:Tls:CertificatePath '{path}' could not be read as a {(isPem ? "PEM certificate and key" : "PFX")}: {e.Message} (check Mqtt:Tls:CertificatePassword and Mqtt:Tls:KeyPath).");
        }
    }

    /// <summary>The leaf (the certificate with the private key) first, then the rest of the chain.</summary>
    private static X509Certificate2Collection FromPfx(byte[] pfx, string? password)
    {
        var all = X509CertificateLoader.LoadPkcs12Collection(pfx, password);
        return Ordered(all);
    }

    private static X509Certificate2Collection FromPem(string pem, string? password)
    {
        var leaf = string.IsNullOrEmpty(password) ? X509Certificate2.CreateFromPem(pem, pem) : X509Certificate2.CreateFromEncryptedPem(pem, pem, password);
        var all = new X509Certificate2Collection();
        all.ImportFromPem(pem);
        var result = new X509Certificate2Collection(leaf);
        foreach (var other in all)
            if (other.Thumbprint != leaf.Thumbprint) result.Add(other);
        return result;
    }

    private static X509Certificate2Collection Ordered(X509Certificate2Collection all)
    {
        var leaf = all.FirstOrDefault(c => c.HasPrivateKey) ?? throw new InvalidSettingException("Mqtt:Tls: the certificate has no private key.");
        var result = new X509Certificate2Collection(leaf);
        foreach (var other in all)
            if (!ReferenceEquals(other, leaf)) result.Add(other);
        return result;
    }
}
