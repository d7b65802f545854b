namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>
/// How long a background job that writes in many transactions leaves SQLite's one write lock free between two of them.
/// A writer that found the database locked tries again after a while: SQLite's busy handler (<see cref="SqliteBusyTimeout"/>)
/// waits 1, 2, 5, 10 ms and so on, but at most 100 ms between two tries, and a connection opened outside the app's
/// contexts falls back to Microsoft.Data.Sqlite's 150 ms retries. A shorter gap, or none, can fall between two tries
/// of the processor or of a request every time, and they then wait for the whole job (and fail after their 30 s
/// timeout). A gap longer than the retry interval is always seen by a waiter.
/// PostgreSQL needs none: waiters queue on the row locks.
/// </summary>
public static class SqliteWriterGap
{
    public static readonly TimeSpan Length = TimeSpan.FromMilliseconds(200);

    /// <summary>The pause to take between two transactions: <paramref name="pause"/>, but at least <see cref="Length"/> on SQLite.</summary>
    public static TimeSpan AtLeast(TimeSpan pause, bool sqlite) => sqlite && pause < Length ? Length : pause;

    /// <summary>Waits <see cref="AtLeast"/> of <paramref name="pause"/> (nothing when that is zero, on PostgreSQL).</summary>
    public static Task PauseAsync(TimeSpan pause, bool sqlite, TimeProvider clock, CancellationToken ct)
    {
        var wait = AtLeast(pause, sqlite);
        return wait > TimeSpan.Zero ? Task.Delay(wait, clock, ct) : Task.CompletedTask;
    }
}
