using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace FactoryCloud.Infrastructure.Identity;

/// <summary>
/// Identity's EF user store, with two-factor recovery codes kept only as hashes: Identity stores them as written (one
/// token, codes joined by ';'), so anyone reading the database could sign in past two-factor. Each code is stored as
/// SHA-256 over the user's id and the code (the codes are random, so no slow hash is needed; the id keeps equal
/// codes of two users apart). The codes are shown to the user once, when made.
/// </summary>
public sealed class HashedRecoveryCodesUserStore(AppDbContext context, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<AppUser, AppDbContext, Guid>(context, describer)
{
    private const string InternalLoginProvider = "[AspNetUserStore]";
    private const string RecoveryCodeTokenName = "RecoveryCodes";

    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(code => Hash(user, code)), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        var stored = await GetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, cancellationToken) ?? "";
        var hashes = stored.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!hashes.Remove(Hash(user, code))) return false;
        // The base replaces the codes as given: the remaining ones are hashes already.
        await base.ReplaceCodesAsync(user, hashes, cancellationToken);
        return true;
    }

    private static string Hash(AppUser user, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{user.Id:N}:{code}")));
}
