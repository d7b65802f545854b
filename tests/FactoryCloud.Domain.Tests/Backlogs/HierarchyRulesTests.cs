using FactoryCloud.Domain.Backlogs;
using Xunit;

namespace FactoryCloud.Domain.Tests.Backlogs;

public sealed class HierarchyRulesTests
{
    [Theory]
    [InlineData(WorkItemType.Feature, WorkItemType.Epic)]
    [InlineData(WorkItemType.Story, WorkItemType.Feature)]
    [InlineData(WorkItemType.Bug, WorkItemType.Feature)]
    [InlineData(WorkItemType.Bug, WorkItemType.Story)]
    [InlineData(WorkItemType.Task, WorkItemType.Story)]
    [InlineData(WorkItemType.Task, WorkItemType.Bug)]
    public void AllowsTheHierarchy(WorkItemType child, WorkItemType parent) =>
        Assert.Null(HierarchyRules.Problem(child, parent, sameProduct: true));

    [Theory]
    [InlineData(WorkItemType.Epic, WorkItemType.Epic)]
    [InlineData(WorkItemType.Epic, WorkItemType.Feature)]
    [InlineData(WorkItemType.Feature, WorkItemType.Story)]
    [InlineData(WorkItemType.Story, WorkItemType.Epic)]
    [InlineData(WorkItemType.Story, WorkItemType.Story)]
    [InlineData(WorkItemType.Story, WorkItemType.Task)]
    [InlineData(WorkItemType.Task, WorkItemType.Task)]
    [InlineData(WorkItemType.Bug, WorkItemType.Task)]
    public void RefusesEverythingElse(WorkItemType child, WorkItemType parent) =>
        Assert.NotNull(HierarchyRules.Problem(child, parent, sameProduct: true));

    [Fact]
    public void RefusesAParentOfAnotherProduct() =>
        Assert.Equal("The parent belongs to another product.", HierarchyRules.Problem(WorkItemType.Story, WorkItemType.Feature, sameProduct: false));

    [Fact]
    public void NoTypeCanReachItselfThroughItsAllowedParents()
    {
        foreach (var type in Enum.GetValues<WorkItemType>())
        {
            var seen = new HashSet<WorkItemType>();
            var frontier = new Queue<WorkItemType>(HierarchyRules.AllowedParents(type));
            while (frontier.TryDequeue(out var parent))
            {
                Assert.NotEqual(type, parent);
                if (seen.Add(parent)) foreach (var p in HierarchyRules.AllowedParents(parent)) frontier.Enqueue(p);
            }
        }
    }

    [Fact]
    public void ChangingATypeMustKeepItsChildrenValid()
    {
        Assert.Null(HierarchyRules.ChildrenProblem(WorkItemType.Story, [WorkItemType.Task, WorkItemType.Bug]));
        Assert.NotNull(HierarchyRules.ChildrenProblem(WorkItemType.Task, [WorkItemType.Task]));
        Assert.NotNull(HierarchyRules.ChildrenProblem(WorkItemType.Feature, [WorkItemType.Task]));
    }
}
