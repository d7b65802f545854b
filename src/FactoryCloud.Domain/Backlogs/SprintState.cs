namespace FactoryCloud.Domain.Backlogs;

public enum SprintState
{
    Planned,
    Active,
    Closed,
}
