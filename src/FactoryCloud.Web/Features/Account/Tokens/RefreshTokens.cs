using FactoryCloud.Domain.AccessTokens;
using FactoryCloud.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Account.Tokens;

/// <summary>
/// Issues and rotates refresh tokens (table <c>RefreshTokens</c>, shared: a sign-in is the user's, not a tenant's).
/// A rotation is claimed with one conditional update, so of two requests presenting the same token only one rotates;
/// the other is treated as reuse and ends the family.
/// </summary>
public sealed class RefreshTokens(AppDbContextFactory contexts, UserManager<AppUser> users, TimeProvider clock)
{
    public sealed record Rotated(AppUser User, Guid? PreferredTenantId, string RefreshToken);

    /// <summary>Starts a new family for a sign-in and returns its first token.</summary>
    public async Task<string> StartFamilyAsync(AppUser user, Guid? preferredTenantId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await AddAsync(user.Id, Guid.CreateVersion7(), preferredTenantId, await users.GetSecurityStampAsync(user),
            now, RefreshTokenLifetime.FamilyExpiry(now), ct);
    }

    /// <summary>Exchanges <paramref name="presented"/> for a new token of its family; null when it must not be.</summary>
    public async Task<Rotated?> RotateAsync(string? presented, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > TokenSecret.MaxLength) return null;
        var hash = TokenSecret.Hash(presented);
        var now = clock.GetUtcNow();
        await using var db = contexts.Create(DataScope.None);
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null) return null;

        switch (RefreshTokenLifetime.Judge(token, now))
        {
            case RefreshVerdict.Reused:
                await RevokeFamilyAsync(db, token.FamilyId, now, ct);
                return null;
            case RefreshVerdict.Expired or RefreshVerdict.Revoked:
                return null;
        }

        var user = await users.FindByIdAsync(token.UserId.ToString());
        if (user is null || await users.GetSecurityStampAsync(user) != token.SecurityStamp)
        {
            await RevokeFamilyAsync(db, token.FamilyId, now, ct);
            return null;
        }

        var claimed = await db.RefreshTokens.Where(t => t.Id == token.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (claimed == 0)
        {
            // Another request rotated it a moment ago: this is a second use of the same token.
            await RevokeFamilyAsync(db, token.FamilyId, now, ct);
            return null;
        }

        var next = await AddAsync(user.Id, token.FamilyId, token.PreferredTenantId, token.SecurityStamp, now, token.FamilyExpiresAt, ct);
        return new Rotated(user, token.PreferredTenantId, next);
    }

    private async Task<string> AddAsync(
        Guid userId, Guid familyId, Guid? preferredTenantId, string stamp, DateTimeOffset now, DateTimeOffset familyExpiresAt, CancellationToken ct)
    {
        var secret = TokenSecret.NewRefreshToken();
        await using var db = contexts.Create(DataScope.None);
        db.RefreshTokens.Add(new RefreshToken
        {
            UserId = userId, FamilyId = familyId, TokenHash = TokenSecret.Hash(secret), PreferredTenantId = preferredTenantId,
            SecurityStamp = stamp, CreatedAt = now, ExpiresAt = RefreshTokenLifetime.Expiry(now, familyExpiresAt), FamilyExpiresAt = familyExpiresAt,
        });
        await db.SaveChangesAsync(ct);
        return secret;
    }

    private static Task<int> RevokeFamilyAsync(AppDbContext db, Guid familyId, DateTimeOffset now, CancellationToken ct) =>
        db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
}
