using System.Data.Common;
using FactoryCloud.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace FactoryCloud.Infrastructure.Persistence.Postgres;

/// <summary>
/// Sets <c>app.tenant_id</c> and <c>app.user_id</c> with <c>set_config(..., true)</c> at the start of every
/// transaction a context begins, so every statement in it runs under the context's <see cref="DataScope"/>.
/// </summary>
public sealed class TenantTransactionInterceptor : DbTransactionInterceptor
{
    public static readonly TenantTransactionInterceptor Instance = new();

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var command = ScopeCommand(connection, eventData, result);
        command?.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        await using var command = ScopeCommand(connection, eventData, result);
        if (command is not null) await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    private static NpgsqlCommand? ScopeCommand(DbConnection connection, TransactionEndEventData eventData, DbTransaction transaction)
    {
        if (eventData.Context is not AppDbContext context) return null;
        var command = new NpgsqlCommand(
            "SELECT set_config('app.tenant_id', @tenant, true), set_config('app.user_id', @user, true)",
            (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("tenant", context.Scope.TenantId?.ToString() ?? "");
        command.Parameters.AddWithValue("user", context.Scope.UserId?.ToString() ?? "");
        return command;
    }
}
