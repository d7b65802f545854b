namespace FactoryCloud.Domain.Backlogs;

public enum WipDecision
{
    /// <summary>Within the limit (or no limit, or a move inside the column).</summary>
    Allowed,

    /// <summary>Over the limit: the user must confirm (warn-and-confirm products).</summary>
    NeedsConfirmation,

    /// <summary>Over the limit on a strict product.</summary>
    Refused,
}

/// <summary>WIP limits: may an item enter a column that already holds <c>itemsInColumn</c> other items?</summary>
public static class WipRule
{
    public static WipDecision Check(int? limit, int itemsInColumn, WipMode mode, bool confirmed, bool sameColumn = false)
    {
        if (sameColumn || limit is not { } max || itemsInColumn + 1 <= max) return WipDecision.Allowed;
        if (mode == WipMode.Strict) return WipDecision.Refused;
        return confirmed ? WipDecision.Allowed : WipDecision.NeedsConfirmation;
    }

    /// <summary>The board shows a breach when a column holds more than its limit.</summary>
    public static bool IsBreached(int? limit, int itemsInColumn) => limit is { } max && itemsInColumn > max;
}
