using FactoryCloud.Domain.AccessTokens;

namespace FactoryCloud.Web.Features.Account.Tokens;

/// <summary>
/// Personal access tokens of the current tenant: any member makes tokens for themselves; an Owner sees and revokes
/// every token of the organisation, anyone else only their own (another member's token answers 404, as if absent).
/// </summary>
public sealed class PersonalAccessTokenService(IDbContextFactory<AppDbContext> contexts, CurrentTenant current, TimeProvider clock, AuditLog audit)
{
    public async Task<OperationResult<CreatedPersonalAccessToken>> CreateAsync(PersonalAccessTokenRequest request, CancellationToken ct = default)
    {
        if (current.TenantId is not { } tenantId || current.UserId is not { } userId) return Failure.Forbidden("Choose an organisation first.");
        var now = clock.GetUtcNow();
        var errors = PersonalAccessTokenRules.Check(request.Name, request.Scopes, request.ExpiresAt, now);
        if (!Enum.IsDefined(request.Plants) || !Enum.IsDefined(request.Backlogs) || !Enum.IsDefined(request.Maturity))
            errors = new Dictionary<string, string>(errors) { ["Scopes"] = "Choose none, read or read-write for each area." };
        if (errors.Count > 0)
            return new Failure(FailureKind.Validation, string.Join(" ", errors.Values), errors.ToDictionary(e => e.Key, e => new[] { e.Value }));

        var secret = TokenSecret.NewPersonalAccessToken(tenantId);
        var token = new PersonalAccessToken
        {
            UserId = userId, Name = request.Name!.Trim(), Scopes = request.Scopes.ToString(), TokenHash = TokenSecret.Hash(secret),
            Hint = TokenSecret.Hint(secret), CreatedAt = now, ExpiresAt = request.ExpiresAt,
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.PersonalAccessTokens.Add(token);
        await audit.AddAsync(db, AuditAction.AccessTokenCreated, $"Access token {token.Name}", $"{token.Scopes}, expires {token.ExpiresAt:yyyy-MM-dd}", ct);
        await db.SaveChangesAsync(ct);
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        return new CreatedPersonalAccessToken(View(token, email), secret);
    }

    public async Task<IReadOnlyList<PersonalAccessTokenView>> ListAsync(CancellationToken ct = default)
    {
        if (current.TenantId is null) return [];
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await Visible(db)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { t, u.Email })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.t.CreatedAt).Select(r => View(r.t, r.Email)).ToList();
    }

    public async Task<OperationResult> RevokeAsync(Guid id, CancellationToken ct = default)
    {
        if (current.TenantId is null) return Failure.NotFound("The token");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var token = await Visible(db).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (token is null) return Failure.NotFound("The token");
        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow();
            await audit.AddAsync(db, AuditAction.AccessTokenRevoked, $"Access token {token.Name}", null, ct);
        }
        await db.SaveChangesAsync(ct);
        return OperationResult.Success;
    }

    private IQueryable<PersonalAccessToken> Visible(AppDbContext db) =>
        current.Role == TenantRole.Owner ? db.PersonalAccessTokens : db.PersonalAccessTokens.Where(t => t.UserId == current.UserId);

    private static PersonalAccessTokenView View(PersonalAccessToken t, string? email)
    {
        var scopes = TokenScopes.Parse(t.Scopes);
        return new PersonalAccessTokenView(t.Id, t.Name, t.Hint, t.UserId, email, scopes.Plants, scopes.Backlogs, scopes.Maturity,
            t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);
    }
}
