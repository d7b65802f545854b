namespace FactoryCloud.Infrastructure.Messaging.ServiceBus;

/// <summary>Supplies the tokens put to the broker's <c>$cbs</c> node (claims-based security).</summary>
public interface IAmqpTokenProvider
{
    /// <summary>A token granting access to <paramref name="audience"/> (<c>sb://host/queue</c>).</summary>
    Task<AmqpAccessToken> GetTokenAsync(string audience, CancellationToken cancellationToken);
}

/// <param name="TokenType">The put-token <c>type</c>: <c>servicebus.windows.net:sastoken</c> for SAS, <c>jwt</c> for Entra ID.</param>
/// <param name="Token">The token, sent as the request body.</param>
/// <param name="ExpiresAt">When it stops being valid; it is renewed at 80 % of the remaining lifetime.</param>
public sealed record AmqpAccessToken(string TokenType, string Token, DateTimeOffset ExpiresAt);
