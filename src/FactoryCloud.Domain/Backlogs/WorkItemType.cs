namespace FactoryCloud.Domain.Backlogs;

/// <summary>Epic &gt; Feature &gt; Story, plus Task and Bug (see <see cref="HierarchyRules"/>).</summary>
public enum WorkItemType
{
    Epic,
    Feature,
    Story,
    Task,
    Bug,
}
