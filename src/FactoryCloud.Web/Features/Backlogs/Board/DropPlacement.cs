namespace FactoryCloud.Web.Features.Backlogs.Board;

/// <summary>
/// Turns a drop (the zone's items in their current order, and the index the item was dropped at) into the
/// neighbours the rank service places it between: after the item above, or before the first one at the top.
/// </summary>
public static class DropPlacement
{
    public static (Guid? AfterId, Guid? BeforeId) Neighbours(IReadOnlyList<Guid> zoneOrder, Guid moved, int index)
    {
        var others = zoneOrder.Where(id => id != moved).ToList();
        var at = Math.Clamp(index, 0, others.Count);
        if (at > 0) return (others[at - 1], null);
        return (null, others.Count > 0 ? others[0] : null);
    }
}
