namespace FactoryCloud.Infrastructure.Persistence.Sql;

/// <summary>How a provider takes many rows at once.</summary>
/// <param name="UsesArrays">PostgreSQL: array parameters and unnest.</param>
/// <param name="MaxParameters">Parameters per VALUES statement.</param>
internal sealed record BulkDialect(bool UsesArrays, int MaxParameters)
{
    /// <summary>
    /// SQLite allows 32,766 parameters per statement, but Microsoft.Data.Sqlite binds each one by looking its name
    /// up in the command's collection, which is quadratic: 500 per statement measured 20 times faster than 30,000.
    /// </summary>
    public static BulkDialect Of(DbContext db) => db.Database.IsNpgsql() ? new BulkDialect(true, 30_000) : new BulkDialect(false, 500);
}
