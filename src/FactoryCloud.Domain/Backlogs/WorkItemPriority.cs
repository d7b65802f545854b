namespace FactoryCloud.Domain.Backlogs;

/// <summary>Most urgent first, so sorting by the number sorts by urgency.</summary>
public enum WorkItemPriority
{
    Critical = 1,
    High = 2,
    Medium = 3,
    Low = 4,
}
