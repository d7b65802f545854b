using Microsoft.Data.Sqlite;
using Npgsql;

namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>Recognises constraint violations on both providers, so use cases can answer 409 instead of failing.</summary>
public static class DbErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;
    private const int SqliteForeignKey = 787;

    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint && sqlite.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
        _ => false,
    };

    public static bool IsForeignKeyViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        // A violation found when the transaction commits (the app saves in one) carries the bare constraint code.
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && (sqlite.SqliteExtendedErrorCode == SqliteForeignKey || sqlite.Message.Contains("FOREIGN KEY constraint failed", StringComparison.Ordinal)),
        _ => false,
    };
}
