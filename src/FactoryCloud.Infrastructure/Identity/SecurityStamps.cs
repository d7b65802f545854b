using System.Security.Cryptography;

namespace FactoryCloud.Infrastructure.Identity;

/// <summary>
/// Changes a user's security stamp inside a unit of work that already has the user tracked (a membership change),
/// so the change and the stamp commit together. Everything issued against the old stamp then ends: the sign-in
/// cookie and bearer access tokens on their next request, refresh tokens at their next use.
/// </summary>
public static class SecurityStamps
{
    public static void Renew(AppUser user)
    {
        user.SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
    }
}
