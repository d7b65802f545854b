using System.Data.Common;

namespace FactoryCloud.Infrastructure.Persistence.Sql;

internal static class DbConnectionExtensions
{
    /// <summary>A command on <paramref name="connection"/> enlisted in <paramref name="transaction"/>.</summary>
    public static DbCommand CreateCommand(this DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        return command;
    }
}
