using FactoryCloud.Infrastructure.Identity;

namespace FactoryCloud.Web.Features.Tenancy;

/// <summary>Self-service sign-up: creates the organisation (tenant), the account and its Owner membership at once.</summary>
public sealed class SignUpService(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <param name="emailConfirmed">Whether the address is known to be the person's (the demo's is); otherwise a confirmation link proves it.</param>
    public async Task<OperationResult<SignUpResult>> SignUpAsync(SignUpRequest request, bool emailConfirmed = false, CancellationToken cancellationToken = default)
    {
        if (RequestValidation.Validate(request) is { } invalid) return invalid;

        var now = clock.GetUtcNow();
        var user = new AppUser { UserName = request.Email.Trim(), Email = request.Email.Trim(), DisplayName = request.Name?.Trim(), CreatedAt = now, EmailConfirmed = emailConfirmed };
        var tenant = new Tenant { Name = request.Organization.Trim(), Slug = "", CreatedAt = now };

        await using var work = new TenantUnitOfWork(scopes, tenant.Id, user.Id);
        var strategy = work.Db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await work.Db.Database.BeginTransactionAsync(cancellationToken);
            tenant.Slug = await UniqueSlugAsync(work.Db, Slug.FromName(tenant.Name), cancellationToken);
            var created = await work.Users.CreateAsync(user, request.Password);
            if (!created.Succeeded) return (OperationResult<SignUpResult>)created.ToFailure();

            work.Db.Tenants.Add(tenant);
            work.Db.Memberships.Add(new Membership { TenantId = tenant.Id, UserId = user.Id, Role = TenantRole.Owner, JoinedAt = now });
            await work.Db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new SignUpResult(tenant.Id, tenant.Slug, user.Id);
        });
    }

    private static async Task<string> UniqueSlugAsync(Infrastructure.Persistence.AppDbContext db, string slug, CancellationToken cancellationToken)
    {
        var taken = await db.Tenants.Where(t => t.Slug == slug || t.Slug.StartsWith(slug + "-")).Select(t => t.Slug).ToListAsync(cancellationToken);
        if (!taken.Contains(slug)) return slug;
        for (var i = 2; ; i++)
        {
            var candidate = $"{slug[..Math.Min(slug.Length, Slug.MaxLength - 6)]}-{i}";
            if (!taken.Contains(candidate)) return candidate;
        }
    }
}
