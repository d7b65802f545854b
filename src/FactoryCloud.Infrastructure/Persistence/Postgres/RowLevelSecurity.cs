using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FactoryCloud.Domain.Common;
using FactoryCloud.Domain.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace FactoryCloud.Infrastructure.Persistence.Postgres;

/// <summary>
/// Installs a row-level security policy on every tenant-owned table, derived from the EF model so that a new
/// tenant-owned entity is covered without anyone remembering to add a policy. Run as the tables' owner after migrating.
/// <para>
/// The install never opens a window in which a table forces row-level security without its policy (PostgreSQL then
/// hides every row and refuses every insert): it runs in one transaction, serialised between concurrent migrators by an
/// advisory lock, and changes only what differs. A missing policy is created, a policy whose definition changed is
/// altered in place, <c>ENABLE</c>/<c>FORCE</c> and grants are issued only when missing. Each policy carries a comment
/// with the fingerprint of its definition, which is how "differs" is told. An up-to-date database takes no table lock.
/// </para>
/// <para>
/// The policies read the tenant through <see cref="ScopeFunction"/>, which refuses (SQLSTATE <see cref="NoScopeSqlState"/>)
/// a statement that reaches tenant-owned rows with no scope set at all, so a command that bypassed the tenant
/// interceptors fails loudly instead of reading nothing.
/// </para>
/// </summary>
public static class RowLevelSecurity
{
    public const string PolicyName = "tenant_isolation";
    public const string ScopeFunction = "fc_scope_tenant";
    public const string NoScopeSqlState = "FC001";

    /// <summary>The advisory lock key that serialises installs ("FCRLS" in ASCII).</summary>
    private const long InstallLock = 0x4643524C53;

    private const string ScopeFunctionBody = $"""
        BEGIN
          IF COALESCE(current_setting('app.tenant_id', true), '') = '' AND COALESCE(current_setting('app.user_id', true), '') = '' THEN
            RAISE EXCEPTION USING ERRCODE = '{NoScopeSqlState}',
              MESSAGE = 'FactoryCloud: a tenant-owned table was used with no tenant scope set',
              HINT = 'Use the AppDbContext (it sets app.tenant_id for each command or transaction).';
          END IF;
          RETURN NULLIF(current_setting('app.tenant_id', true), '')::uuid;
        END
        """;

    /// <summary>Evaluated once per statement (an InitPlan), not once per row.</summary>
    private const string CurrentTenant = $"(SELECT {ScopeFunction}())";
    private const string CurrentUser = "NULLIF(current_setting('app.user_id', true), '')::uuid";

    /// <summary>The policy every tenant-owned table should have.</summary>
    public sealed record TablePolicy(string Table, string Using, string Check)
    {
        public string Fingerprint { get; } = "fc:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Using + "\n" + Check)))[..16];
    }

    public static IReadOnlyList<TablePolicy> Policies(IModel model) =>
        model.GetEntityTypes()
            .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && t.GetTableName() is not null)
            .Select(entityType =>
            {
                var tenantColumn = Quote(entityType.FindProperty(nameof(ITenantOwned.TenantId))!.GetColumnName());
                var visible = $"{tenantColumn} = {CurrentTenant}";
                if (entityType.ClrType == typeof(Membership))
                    visible += $" OR {Quote(entityType.FindProperty(nameof(Membership.UserId))!.GetColumnName())} = {CurrentUser}";
                return new TablePolicy(entityType.GetTableName()!, visible, $"{tenantColumn} = {CurrentTenant}");
            })
            .DistinctBy(p => p.Table)
            .ToList();

    /// <summary>Brings row-level security and the app role's grants up to date in one transaction.</summary>
    /// <param name="connection">An open connection as the tables' owner, with no transaction.</param>
    /// <param name="afterPolicyChanged">Test seam: called inside the transaction after a table's policy was created or altered.</param>
    /// <returns>The statements that were needed (none for an up-to-date database).</returns>
    public static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlConnection connection, IModel model, string? appRole,
        CancellationToken cancellationToken, Func<string, Task>? afterPolicyChanged = null)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({InstallLock})", cancellationToken);

        var applied = new List<string>();
        async Task Run(string statement)
        {
            await ExecuteAsync(connection, transaction, statement, cancellationToken);
            applied.Add(statement);
        }

        if (await ScopeFunctionSourceAsync(connection, transaction, cancellationToken) != ScopeFunctionBody)
            await Run($"CREATE OR REPLACE FUNCTION {ScopeFunction}() RETURNS uuid LANGUAGE plpgsql STABLE PARALLEL SAFE AS $fc${ScopeFunctionBody}$fc$");
        var purgeBody = PurgeFunctionBody(model);
        if (await ScopeFunctionSourceAsync(connection, transaction, cancellationToken, PurgeFunction) != purgeBody)
            await Run($"CREATE OR REPLACE FUNCTION {PurgeFunction}(p_table text, p_tenant uuid, p_limit integer) RETURNS integer LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $fc${purgeBody}$fc$");

        var tables = await TableStatesAsync(connection, transaction, cancellationToken);
        foreach (var policy in Policies(model))
        {
            if (!tables.TryGetValue(policy.Table, out var state))
                throw new InvalidOperationException($"Table {policy.Table} of the model does not exist: migrate before installing row-level security.");
            var table = Quote(policy.Table);
            if (!state.Enabled) await Run($"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY");
            if (!state.Forced) await Run($"ALTER TABLE {table} FORCE ROW LEVEL SECURITY");
            if (state.PolicyComment == policy.Fingerprint) continue;
            await Run(state.HasPolicy
                ? $"ALTER POLICY {PolicyName} ON {table} USING ({policy.Using}) WITH CHECK ({policy.Check})"
                : $"CREATE POLICY {PolicyName} ON {table} USING ({policy.Using}) WITH CHECK ({policy.Check})");
            await Run($"COMMENT ON POLICY {PolicyName} ON {table} IS '{policy.Fingerprint}'");
            if (afterPolicyChanged is not null) await afterPolicyChanged(policy.Table);
        }

        if (!string.IsNullOrWhiteSpace(appRole))
            foreach (var grant in await MissingGrantsAsync(connection, transaction, appRole, AppendOnlyTables(model), cancellationToken))
                await Run(grant);

        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    /// <summary>Installs as <see cref="ApplyAsync(NpgsqlConnection, IModel, string?, CancellationToken, Func{string, Task}?)"/> on the owner context's connection.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(DbContext ownerContext, string? appRole, CancellationToken cancellationToken)
    {
        await ownerContext.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await ApplyAsync((NpgsqlConnection)ownerContext.Database.GetDbConnection(), ownerContext.Model, appRole, cancellationToken);
        }
        finally
        {
            await ownerContext.Database.CloseConnectionAsync();
        }
    }

    private sealed record TableState(bool Enabled, bool Forced, bool HasPolicy, string? PolicyComment);

    private static async Task<Dictionary<string, TableState>> TableStatesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, p.oid IS NOT NULL, obj_description(p.oid, 'pg_policy')
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
            LEFT JOIN pg_policy p ON p.polrelid = c.oid AND p.polname = @policy
            WHERE c.relkind IN ('r', 'p')
            """, connection, transaction);
        command.Parameters.AddWithValue("policy", PolicyName);
        var states = new Dictionary<string, TableState>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            states[reader.GetString(0)] = new TableState(reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        return states;
    }

    /// <summary>
    /// Deletes a batch of an append-only table's rows (the audit trail) of an organisation scheduled for deletion, for the
    /// purge job. The app role may not delete those rows itself (see <see cref="AppendOnlyTables"/>), so this function runs
    /// as the tables' owner (<c>SECURITY DEFINER</c>), and only: for an append-only tenant-owned table, for the tenant the
    /// calling statement is scoped to (row-level security still applies inside), and for a tenant whose <c>DeletedAt</c> is set.
    /// </summary>
    public const string PurgeFunction = "fc_purge_append_only";

    /// <summary>SQLSTATE of a refused purge call.</summary>
    public const string PurgeRefusedSqlState = "FC002";

    private static string PurgeFunctionBody(IModel model)
    {
        var tenant = model.FindEntityType(typeof(Tenant))!;
        var tenants = Quote(tenant.GetTableName()!);
        var id = Quote(tenant.FindProperty(nameof(Tenant.Id))!.GetColumnName());
        var deletedAt = Quote(tenant.FindProperty(nameof(Tenant.DeletedAt))!.GetColumnName());
        var branches = new StringBuilder();
        foreach (var entityType in model.GetEntityTypes()
                     .Where(t => typeof(IAppendOnly).IsAssignableFrom(t.ClrType) && typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && t.GetTableName() is not null)
                     .DistinctBy(t => t.GetTableName()).OrderBy(t => t.GetTableName(), StringComparer.Ordinal))
        {
            var table = Quote(entityType.GetTableName()!);
            var column = Quote(entityType.FindProperty(nameof(ITenantOwned.TenantId))!.GetColumnName());
            var keyword = branches.Length == 0 ? "IF" : "ELSIF"; // before Append: an interpolated append writes piece by piece
            branches.Append(CultureInfo.InvariantCulture,
                $"  {keyword} p_table = '{entityType.GetTableName()}' THEN\n    DELETE FROM {table} WHERE ctid IN (SELECT ctid FROM {table} WHERE {column} = p_tenant LIMIT p_limit);\n");
        }
        return "\nDECLARE n integer := 0;\nBEGIN\n"
            + $"  IF p_tenant IS NULL OR p_tenant IS DISTINCT FROM {ScopeFunction}() THEN\n"
            + $"    RAISE EXCEPTION USING ERRCODE = '{PurgeRefusedSqlState}', MESSAGE = 'FactoryCloud: a purge runs only in the scope of the tenant it purges';\n  END IF;\n"
            + $"  IF NOT EXISTS (SELECT 1 FROM {tenants} WHERE {id} = p_tenant AND {deletedAt} IS NOT NULL) THEN\n"
            + $"    RAISE EXCEPTION USING ERRCODE = '{PurgeRefusedSqlState}', MESSAGE = 'FactoryCloud: only an organisation scheduled for deletion is purged';\n  END IF;\n"
            + branches
            + $"  ELSE\n    RAISE EXCEPTION USING ERRCODE = '{PurgeRefusedSqlState}', MESSAGE = 'FactoryCloud: not an append-only tenant-owned table';\n  END IF;\n"
            + "  GET DIAGNOSTICS n = ROW_COUNT;\n  RETURN n;\nEND\n";
    }


    private static async Task<string?> ScopeFunctionSourceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct, string name = ScopeFunction)
    {
        await using var command = new NpgsqlCommand(
            "SELECT p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = current_schema() WHERE p.proname = @name",
            connection, transaction);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>The tables of <see cref="IAppendOnly"/> entities: the app role may only read and insert them.</summary>
    public static IReadOnlyList<string> AppendOnlyTables(IModel model) =>
        model.GetEntityTypes()
            .Where(t => typeof(IAppendOnly).IsAssignableFrom(t.ClrType) && t.GetTableName() is not null)
            .Select(t => t.GetTableName()!)
            .Distinct()
            .ToList();

    /// <summary>
    /// The app role may read and write every table and use every sequence, except the migrations history, and only
    /// read and insert the append-only tables (any UPDATE, DELETE or TRUNCATE it holds there, for example from default
    /// privileges, is revoked). Only what is missing is granted (a GRANT rewrites the table's catalog row, so an
    /// up-to-date database gets none).
    /// </summary>
    private static async Task<List<string>> MissingGrantsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string appRole, IReadOnlyList<string> appendOnly, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT 'schema', current_schema() WHERE NOT has_schema_privilege(@role, current_schema(), 'USAGE')
            UNION ALL
            SELECT CASE WHEN c.relkind = 'S' THEN 'sequence' WHEN c.relname = '__EFMigrationsHistory' THEN 'revoke'
                        WHEN c.relname = ANY(@appendOnly) THEN 'append-only' ELSE 'table' END, c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
            WHERE (c.relkind IN ('r', 'p') AND c.relname <> '__EFMigrationsHistory' AND c.relname <> ALL(@appendOnly)
                   AND NOT (has_table_privilege(@role, c.oid, 'SELECT') AND has_table_privilege(@role, c.oid, 'INSERT')
                            AND has_table_privilege(@role, c.oid, 'UPDATE') AND has_table_privilege(@role, c.oid, 'DELETE')))
               OR (c.relkind IN ('r', 'p') AND c.relname = ANY(@appendOnly)
                   AND NOT (has_table_privilege(@role, c.oid, 'SELECT') AND has_table_privilege(@role, c.oid, 'INSERT')
                            AND NOT has_table_privilege(@role, c.oid, 'UPDATE, DELETE, TRUNCATE')))
               OR (c.relkind = 'S' AND NOT (has_sequence_privilege(@role, c.oid, 'USAGE') AND has_sequence_privilege(@role, c.oid, 'SELECT')))
               OR (c.relname = '__EFMigrationsHistory' AND has_table_privilege(@role, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER'))
            """, connection, transaction);
        command.Parameters.AddWithValue("role", appRole);
        command.Parameters.AddWithValue("appendOnly", appendOnly.ToArray());
        var role = Quote(appRole);
        var grants = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var name = Quote(reader.GetString(1));
            if (reader.GetString(0) == "append-only")
            {
                grants.Add($"REVOKE UPDATE, DELETE, TRUNCATE ON TABLE {name} FROM {role}");
                grants.Add($"GRANT SELECT, INSERT ON TABLE {name} TO {role}");
                continue;
            }
            grants.Add(reader.GetString(0) switch
            {
                "schema" => $"GRANT USAGE ON SCHEMA {name} TO {role}",
                "sequence" => $"GRANT USAGE, SELECT ON SEQUENCE {name} TO {role}",
                "revoke" => $"REVOKE ALL ON TABLE {name} FROM {role}",
                _ => $"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE {name} TO {role}",
            });
        }
        return grants;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
