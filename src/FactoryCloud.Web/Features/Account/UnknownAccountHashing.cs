using System.Security.Cryptography;
using FactoryCloud.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Account;

/// <summary>
/// Spends on a sign-in for an address that has no account the same password-hash work a real account costs, so that
/// how long the answer takes does not tell whether the account exists.
/// </summary>
public sealed class UnknownAccountHashing(IPasswordHasher<AppUser> hasher)
{
    private static readonly AppUser Nobody = new();
    private static string? s_hash;

    public void Spend(string password)
    {
        var hash = s_hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
