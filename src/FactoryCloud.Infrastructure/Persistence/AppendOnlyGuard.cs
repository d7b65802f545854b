using FactoryCloud.Domain.Common;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace FactoryCloud.Infrastructure.Persistence;

/// <summary>Refuses to save a change to or the deletion of an <see cref="IAppendOnly"/> row (the audit trail).</summary>
internal static class AppendOnlyGuard
{
    public static void Check(ChangeTracker changeTracker)
    {
        foreach (var entry in changeTracker.Entries<IAppendOnly>())
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new AppendOnlyViolationException(
                    $"{entry.Metadata.ClrType.Name} rows are append-only: refused to {(entry.State == EntityState.Deleted ? "delete" : "change")} one.");
    }
}

/// <summary>Thrown when saving would change or delete a row that may only be added.</summary>
public sealed class AppendOnlyViolationException(string message) : InvalidOperationException(message);
