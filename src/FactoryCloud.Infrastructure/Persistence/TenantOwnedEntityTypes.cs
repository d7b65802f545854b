using FactoryCloud.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>
/// The EF model's tenant-owned entity types (<see cref="ITenantOwned"/>, mapped to a table), in a stable order (by
/// table name). Whatever must cover every tenant's rows (the tenant export) reads them from here, so a new
/// tenant-owned entity is included without anyone remembering to add it.
/// </summary>
public static class TenantOwnedEntityTypes
{
    public static IReadOnlyList<IEntityType> Of(IModel model) =>
        model.GetEntityTypes()
            .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && !t.IsOwned() && t.GetTableName() is not null)
            .OrderBy(t => t.GetTableName(), StringComparer.Ordinal)
            .ToList();
}
