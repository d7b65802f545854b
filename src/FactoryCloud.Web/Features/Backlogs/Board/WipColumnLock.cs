using FactoryCloud.Domain.Backlogs;
using FactoryCloud.Infrastructure.Persistence.Sql;

namespace FactoryCloud.Web.Features.Backlogs.Board;

/// <summary>
/// Serialises entries into one workflow column, so a WIP limit holds when two people move cards at the same moment.
/// Called inside the move's transaction before counting: on PostgreSQL it locks the column's row
/// (<c>SELECT ... FOR UPDATE</c>) until commit, so a second move into the column waits, then counts the first one's
/// card. SQLite needs no row lock: its transactions begin IMMEDIATE (Microsoft.Data.Sqlite's default), one writer at a
/// time, so the second move's count already runs after the first move's commit.
/// </summary>
internal static class WipColumnLock
{
    public static async Task LockAsync(AppDbContext db, Guid columnId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Lock a column inside the transaction that moves the card.");
        if (!db.Database.IsNpgsql()) return;
        var columns = ModelTable.Of<WorkflowColumn>(db);
        var sql = $"SELECT 1 FROM {columns.Name} WHERE {columns[nameof(WorkflowColumn.Id)].Name} = {{0}} FOR UPDATE";
        await db.Database.ExecuteSqlRawAsync(sql, [columnId], ct);
    }
}
