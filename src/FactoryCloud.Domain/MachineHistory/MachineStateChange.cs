using FactoryCloud.Domain.Common;
using FactoryCloud.Domain.Plants;

namespace FactoryCloud.Domain.MachineHistory;

/// <summary>
/// One entry of a machine's state timeline: the machine entered <see cref="State"/> at <see cref="At"/> and stays
/// in it until its next change. Keyed by (MachineId, At): a second state at the same instant replaces the first (the
/// later applied wins, as in <c>StateTimeline</c> the later published wins).
/// </summary>
public sealed class MachineStateChange : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid MachineId { get; set; }

    /// <summary>UTC, truncated to <see cref="Precision"/> (what both database providers store exactly).</summary>
    public DateTimeOffset At { get; set; }

    public MachineState State { get; set; }

    /// <summary>The reason code of the state message, null when it had none.</summary>
    public string? Reason { get; set; }

    /// <summary>
    /// The resolution of <see cref="At"/>: 100 µs. PostgreSQL keeps microseconds and the SQLite flavour 100 µs, so
    /// truncating first makes the in-memory timeline equal to what is read back on both.
    /// </summary>
    public static readonly TimeSpan Precision = TimeSpan.FromTicks(1000);

    public const int ReasonMaxLength = 64;

    /// <summary>UTC, truncated to <see cref="Precision"/>.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % Precision.Ticks), TimeSpan.Zero);
}
