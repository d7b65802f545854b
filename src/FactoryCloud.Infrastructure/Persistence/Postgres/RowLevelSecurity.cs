using FactoryCloud.Domain.Common;
using FactoryCloud.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FactoryCloud.Infrastructure.Persistence.Postgres;

/// <summary>
/// Installs a row-level security policy on every tenant-owned table, derived from the EF model so that a new
/// tenant-owned entity is covered without anyone remembering to add a policy. Run as the tables' owner after migrating.
/// </summary>
public static class RowLevelSecurity
{
    public const string PolicyName = "tenant_isolation";
    private const string CurrentTenant = "NULLIF(current_setting('app.tenant_id', true), '')::uuid";
    private const string CurrentUser = "NULLIF(current_setting('app.user_id', true), '')::uuid";

    public static IEnumerable<string> Statements(IModel model, string? appRole)
    {
        foreach (var entityType in model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
        {
            var table = Quote(entityType.GetTableName()!);
            var tenantColumn = Quote(entityType.FindProperty(nameof(ITenantOwned.TenantId))!.GetColumnName());
            var visible = $"{tenantColumn} = {CurrentTenant}";
            if (entityType.ClrType == typeof(Membership))
                visible += $" OR {Quote(entityType.FindProperty(nameof(Membership.UserId))!.GetColumnName())} = {CurrentUser}";

            yield return $"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY";
            yield return $"ALTER TABLE {table} FORCE ROW LEVEL SECURITY";
            yield return $"DROP POLICY IF EXISTS {PolicyName} ON {table}";
            yield return $"CREATE POLICY {PolicyName} ON {table} USING ({visible}) WITH CHECK ({tenantColumn} = {CurrentTenant})";
        }

        if (!string.IsNullOrWhiteSpace(appRole))
        {
            var role = Quote(appRole);
            yield return $"GRANT USAGE ON SCHEMA public TO {role}";
            yield return $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}";
            yield return $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}";
            yield return $"REVOKE ALL ON TABLE \"__EFMigrationsHistory\" FROM {role}";
        }
    }

    public static async Task ApplyAsync(DbContext ownerContext, string? appRole, CancellationToken cancellationToken)
    {
        foreach (var statement in Statements(ownerContext.Model, appRole))
#pragma warning disable EF1002 // Table, column and role names come from the model and configuration, quoted.
            await ownerContext.Database.ExecuteSqlRawAsync(statement, cancellationToken);
#pragma warning restore EF1002
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
