using System.Globalization;
using System.Security.Claims;

namespace FactoryCloud.Web.Features.Entra;

/// <summary>
/// An Entra sign-in holds for <see cref="EntraOptions.SessionLifetime"/>; then the cookie is refused and the user signs
/// in with Entra again, which re-reads their groups (see <see cref="FactoryCloud.Domain.Tenancy.EntraAccess"/>). The
/// time of the Entra sign-in travels in the application cookie; local sign-ins carry none and are not bounded here.
/// </summary>
public static class EntraSession
{
    public const string SignedInAtClaim = "fc:entra_signed_in_at";

    public static Claim Stamp(DateTimeOffset now) =>
        new(SignedInAtClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>True when the principal's Entra sign-in is older than <paramref name="lifetime"/> (or its stamp is unreadable).</summary>
    public static bool HasEnded(ClaimsPrincipal principal, DateTimeOffset now, TimeSpan lifetime)
    {
        if (principal.FindFirstValue(SignedInAtClaim) is not { } value) return false;
        return !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || now - DateTimeOffset.FromUnixTimeSeconds(seconds) >= lifetime;
    }
}
