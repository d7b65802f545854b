using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace FactoryCloud.Infrastructure.Persistence.Postgres;

/// <summary>
/// Sets <c>app.tenant_id</c> and <c>app.user_id</c> with <c>set_config(..., true)</c> at the start of every
/// transaction a context begins, and of every transaction attached to it with <c>UseTransaction</c>, so every
/// statement in it runs under the context's <see cref="DataScope"/>.
/// </summary>
public sealed class TenantTransactionInterceptor : DbTransactionInterceptor
{
    public static readonly TenantTransactionInterceptor Instance = new();

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result) =>
        Scope(connection, eventData, result);

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default) =>
        ScopeAsync(connection, eventData, result, cancellationToken);

    public override DbTransaction TransactionUsed(DbConnection connection, TransactionEventData eventData, DbTransaction result) =>
        Scope(connection, eventData, result);

    public override ValueTask<DbTransaction> TransactionUsedAsync(DbConnection connection, TransactionEventData eventData, DbTransaction result, CancellationToken cancellationToken = default) =>
        ScopeAsync(connection, eventData, result, cancellationToken);

    private static DbTransaction Scope(DbConnection connection, DbContextEventData eventData, DbTransaction transaction)
    {
        using var command = ScopeCommand(connection, eventData, transaction);
        command?.ExecuteNonQuery();
        return transaction;
    }

    private static async ValueTask<DbTransaction> ScopeAsync(DbConnection connection, DbContextEventData eventData, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = ScopeCommand(connection, eventData, transaction);
        if (command is not null) await command.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }

    private static NpgsqlCommand? ScopeCommand(DbConnection connection, DbContextEventData eventData, DbTransaction transaction)
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
