using FactoryCloud.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace FactoryCloud.Web.Features.Tenancy;

/// <summary>
/// A DI scope acting for one tenant, for work that creates an account and the tenant's rows together (sign-up,
/// accepting an invitation with a new account): the <see cref="UserManager{TUser}"/> and the tenant's rows share
/// one context and one transaction, so nothing is half-saved.
/// </summary>
public sealed class TenantUnitOfWork : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;

    public TenantUnitOfWork(IServiceScopeFactory scopes, Guid tenantId, Guid userId)
    {
        _scope = scopes.CreateAsyncScope();
        _scope.ServiceProvider.GetRequiredService<CurrentTenant>()
            .Set(userId, new ActiveMembership(tenantId, "", "", TenantRole.Owner));
        Db = _scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Users = _scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
    }

    public AppDbContext Db { get; }
    public UserManager<AppUser> Users { get; }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
