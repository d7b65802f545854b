using FactoryCloud.Domain.Common;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>
/// The tenant-owned tables, read from the EF model (every entity implementing <see cref="ITenantOwned"/>), so an entity
/// added later is included without anyone listing it: for whatever must visit all of a tenant's data (purging a deleted
/// organisation, exporting one).
/// </summary>
public static class TenantOwnedTables
{
    /// <summary>One table: its entity type, table name and tenant column.</summary>
    public sealed record Table(IEntityType EntityType, string Name, string TenantColumn);

    /// <summary>Every tenant-owned table, in no particular order.</summary>
    public static IReadOnlyList<Table> All(IModel model) =>
        model.GetEntityTypes()
            .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && t.GetTableName() is not null && !t.IsOwned())
            .Select(t => new Table(t, t.GetTableName()!,
                t.FindProperty(nameof(ITenantOwned.TenantId))!.GetColumnName(StoreObjectIdentifier.Table(t.GetTableName()!, t.GetSchema()))!))
            .DistinctBy(t => t.Name)
            .ToList();

    /// <summary>
    /// Every tenant-owned table, dependants before the tables they reference (a child's rows are deleted before its
    /// parent's, so no foreign key, cascading or not, is ever in the way). A foreign key of a table to itself is left to
    /// its own delete behaviour; a cycle between tables throws, so a model change that introduces one fails its tests.
    /// </summary>
    public static IReadOnlyList<Table> InDeleteOrder(IModel model)
    {
        var tables = All(model);
        var byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        // The tables each table references (its principals), among the tenant-owned ones.
        var principals = tables.ToDictionary(t => t.Name, t => t.EntityType.GetForeignKeys()
            .Select(fk => fk.PrincipalEntityType.GetTableName())
            .OfType<string>()
            .Where(p => p != t.Name && byName.ContainsKey(p))
            .ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        var ordered = new List<Table>(tables.Count);
        var remaining = tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        while (remaining.Count > 0)
        {
            // A table nothing remaining references can go next.
            var next = remaining.FirstOrDefault(t => !remaining.Any(o => o.Name != t.Name && principals[o.Name].Contains(t.Name)))
                ?? throw new InvalidOperationException(
                    "The tenant-owned tables reference each other in a cycle: " + string.Join(", ", remaining.Select(t => t.Name)));
            ordered.Add(next);
            remaining.Remove(next);
        }
        return ordered;
    }
}
