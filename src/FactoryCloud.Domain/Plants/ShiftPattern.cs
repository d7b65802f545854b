namespace FactoryCloud.Domain.Plants;

public enum ShiftWindowKind
{
    Production,
    PlannedBreak,
}

/// <summary>A weekly window of the site's shift calendar in the site's local time; a window may cross midnight.</summary>
public sealed record ShiftPattern(DayOfWeek Day, TimeOnly Start, TimeOnly End, ShiftWindowKind Kind = ShiftWindowKind.Production, string? Name = null);
