namespace FactoryCloud.Domain.Backlogs;

/// <summary>What a member of a cross-functional team mainly contributes.</summary>
public enum Discipline
{
    Business,
    Analysis,
    Development,
    Test,
    Operations,
    Data,
    OtAutomation,
}
