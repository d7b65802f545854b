using Azure.Core;

namespace FactoryCloud.Infrastructure.Messaging.ServiceBus;

/// <summary>
/// Microsoft Entra ID tokens for Service Bus from an Azure.Identity <see cref="TokenCredential"/> (in production
/// <c>DefaultAzureCredential</c>, i.e. the app's managed identity), put to <c>$cbs</c> with type <c>jwt</c>. The
/// CBS client renews each token before its <c>ExpiresOn</c>; the credential caches and refreshes underneath.
/// </summary>
public sealed class TokenCredentialAmqpTokenProvider(TokenCredential credential) : IAmqpTokenProvider
{
    public const string TokenType = "jwt";

    /// <summary>The Service Bus resource scope, the same for every namespace and queue.</summary>
    public const string ServiceBusScope = "https://servicebus.azure.net/.default";

    public async Task<AmqpAccessToken> GetTokenAsync(string audience, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext([ServiceBusScope]), cancellationToken);
        return new AmqpAccessToken(TokenType, token.Token, token.ExpiresOn);
    }
}
