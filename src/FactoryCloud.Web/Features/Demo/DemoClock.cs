namespace FactoryCloud.Web.Features.Demo;

/// <summary>
/// The clock the demo's backlog services read while it writes past sprints: each step sets the time it happened,
/// so sprints, work items and their history carry past dates through the services' own code (no backdating afterwards).
/// </summary>
public sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Moves the clock on, so steps taken one after another keep their order.</summary>
    public DemoClock Advance(TimeSpan by)
    {
        Now += by;
        return this;
    }
}
