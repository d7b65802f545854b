using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace FactoryCloud.Infrastructure.Messaging.ServiceBus;

/// <summary>Service Bus SAS tokens signed with a shared access key.</summary>
public sealed class SharedAccessSignatureTokenProvider : IAmqpTokenProvider
{
    public const string TokenType = "servicebus.windows.net:sastoken";

    private readonly string _keyName;
    private readonly string _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _timeProvider;

    public SharedAccessSignatureTokenProvider(string keyName, string key, TimeSpan lifetime, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetime, TimeSpan.FromSeconds(2));
        _keyName = keyName;
        _key = key;
        _lifetime = lifetime;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public Task<AmqpAccessToken> GetTokenAsync(string audience, CancellationToken cancellationToken)
    {
        // Whole seconds: "se" has no fraction, and the reported expiry must not be later than the signed one.
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds((_timeProvider.GetUtcNow() + _lifetime).ToUnixTimeSeconds());
        return Task.FromResult(new AmqpAccessToken(TokenType, CreateToken(_keyName, _key, audience, expiresAt), expiresAt));
    }

    /// <summary>
    /// <c>SharedAccessSignature sr=&lt;encoded resource&gt;&amp;sig=&lt;encoded signature&gt;&amp;se=&lt;expiry&gt;&amp;skn=&lt;key name&gt;</c>,
    /// the signature being base64(HMAC-SHA256(UTF-8 key, "&lt;encoded resource&gt;\n&lt;expiry&gt;")).
    /// </summary>
    public static string CreateToken(string keyName, string key, string resource, DateTimeOffset expiresAt)
    {
        var encodedResource = WebUtility.UrlEncode(resource);
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encodedResource + "\n" + expiry)));
        return $"SharedAccessSignature sr={encodedResource}&sig={WebUtility.UrlEncode(signature)}&se={expiry}&skn={WebUtility.UrlEncode(keyName)}";
    }
}
