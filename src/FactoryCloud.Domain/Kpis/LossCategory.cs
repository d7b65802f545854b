namespace FactoryCloud.Domain.Kpis;

/// <summary>
/// Where lost time goes. The first six are the six big losses; Idle, Offline and NoData are further
/// availability losses kept apart so they are not mistaken for breakdowns.
/// </summary>
public enum LossCategory
{
    /// <summary>Availability loss: unplanned stops at least as long as the small-stop threshold (by default the Down state).</summary>
    Breakdown,

    /// <summary>Availability loss: setup and adjustment (by default the Changeover state).</summary>
    SetupAdjustment,

    /// <summary>Performance loss: stops shorter than the small-stop threshold; they stay in the operating time.</summary>
    SmallStop,

    /// <summary>Performance loss: running slower than the ideal cycle time. Derived, never mapped from a state.</summary>
    ReducedSpeed,

    /// <summary>Quality loss: scrap within the start-up period after a breakdown or setup. Derived.</summary>
    StartupRejects,

    /// <summary>Quality loss: all other scrap. Derived.</summary>
    ProductionRejects,

    /// <summary>Availability loss: waiting (by default the Idle state), when not short enough to be a small stop.</summary>
    Idle,

    /// <summary>Availability loss: the machine reported itself offline (by default the Offline state).</summary>
    Offline,

    /// <summary>Availability loss: planned time with no state known at all.</summary>
    NoData,
}
