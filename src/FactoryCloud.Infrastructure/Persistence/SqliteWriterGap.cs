namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>
/// How long a background job that writes in many transactions leaves SQLite's one write lock free between two of them.
/// Microsoft.Data.Sqlite retries a write that found the database locked every 150 ms (measured on this stack): a
/// shorter gap, or none, can fall between two retries of the processor or of a request every time, which then wait for
/// the whole job (and fail after their 30 s timeout). A gap longer than the retry interval is always seen by a waiter.
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
