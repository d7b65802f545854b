namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>
/// Creates a short-lived context for the current request's or circuit's tenant. Blazor components create one per
/// operation, so a long-lived circuit never holds a context (or another tenant's rows) between events.
/// </summary>
public sealed class CurrentScopeDbContextFactory(AppDbContextFactory factory, CurrentTenant current) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => factory.Create(current.Scope);
}
