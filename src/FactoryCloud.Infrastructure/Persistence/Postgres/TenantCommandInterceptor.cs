using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FactoryCloud.Infrastructure.Persistence.Postgres;

/// <summary>
/// Sets <c>app.tenant_id</c> and <c>app.user_id</c>, which the row-level security policies read, for a command sent
/// outside a transaction (queries): it prefixes a DO block, and Npgsql sends a command's statements before one Sync,
/// so they share one implicit transaction and the transaction-local settings apply to exactly that command. A DO
/// block returns no result set, so EF reads the query's results as usual. Commands inside a transaction (all saves:
/// the PostgreSQL context always saves in one) get the settings from <see cref="TenantTransactionInterceptor"/>.
/// Nothing is left on a pooled connection, so this is also safe behind PgBouncer in transaction mode.
/// </summary>
public sealed class TenantCommandInterceptor : DbCommandInterceptor
{
    public static readonly TenantCommandInterceptor Instance = new();

    private const string Marker = "DO $fc_scope$";

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Apply(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Apply(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Apply(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Apply(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Apply(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Apply(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static void Apply(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is not AppDbContext context || command.Transaction is not null
            || command.CommandText.StartsWith(Marker, StringComparison.Ordinal)) return;
        command.CommandText = ScopeStatement(context.Scope) + command.CommandText;
    }

    /// <summary>Guids format as hex and hyphens only, so inlining them cannot inject SQL.</summary>
    private static string ScopeStatement(DataScope scope) => string.Create(CultureInfo.InvariantCulture,
        $"{Marker}BEGIN PERFORM set_config('app.tenant_id', '{scope.TenantId:D}', true); PERFORM set_config('app.user_id', '{scope.UserId:D}', true); END$fc_scope$;\n");
}
